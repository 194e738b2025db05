"""What the direct owners of an entity leave over: the part of it nobody in the sources is said to hold."""

from __future__ import annotations

from model.lookthrough.stakes import LookThrough
from model.lookthrough.values import Interval


def undisclosed_remainder(result: LookThrough, subject_id: str) -> Interval:
    """What the direct owners in force leave over of an entity, in percent (low, high).

    An undisclosed direct share may be anything from 0 to 100%, so it widens the remainder.

    >>> from model.document import Document
    >>> from model.lookthrough.stakes import compute
    >>> from model.types import Entity, Relationship, Share
    >>> doc = Document()
    >>> for id_ in ("x", "tencent", "bank"):
    ...     doc.add_entity(Entity(id_, id_))
    >>> doc.add_relationship(Relationship("r1", "ownership", "x", "bank", Share.exact(29.5)))
    >>> left = undisclosed_remainder(compute(doc), "bank")
    >>> round(left.low, 1), round(left.high, 1)
    (70.5, 70.5)
    >>> doc.add_relationship(Relationship("r2", "ownership", "tencent", "bank", basis="backed"))
    >>> left = undisclosed_remainder(compute(doc), "bank")
    >>> round(left.low, 1), round(left.high, 1)
    (0.0, 70.5)
    """
    low_sum = high_sum = 0.0
    for rel in result.relationships.values():
        if rel.object == subject_id:
            low_sum += rel.share.low if rel.share.disclosed else 0.0
            high_sum += rel.share.high if rel.share.disclosed else 100.0
    return Interval(max(0.0, 100.0 - high_sum), max(0.0, 100.0 - low_sum), unknown=True)

"""Names inside names: "Sony Pictures" beside "Sony" is most often Sony's unit.

When an article names an organisation and, elsewhere, another whose name is the first one's name
followed by a place or a business word ("Nintendo" and "Nintendo Australia", "BBC" and "BBC World
News", "Sony" and "Sony Pictures"), the longer one is proposed as owned by the shorter one, with a
low confidence: the quote is the longer name as written, where the shorter one can be read. Other
extra words are most often a product ("Samsung Galaxy Note") and are left alone; a pair whose extra
words are only company suffixes ("Xiaomi Corp") is one entity, not two; and a longer name the text
already gives another owner is left alone.

>>> from model.extract import propose
>>> [(p.subject, p.object, p.quote) for p in propose(
...     "Sony said on Monday that Sony Pictures would release the film.") if p.rule == "name-nesting"]
[('Sony', 'Sony Pictures', 'Sony Pictures')]
"""

from __future__ import annotations

from model.extract import vocab
from model.extract.resolve import Cluster, name_key
from model.extract.rules import Fact

CONFIDENCE = 0.4
_NOT_AN_OWNER = {"person", "authority"}
_UNIT_WORDS = (vocab.COMPANY_WORDS | vocab.BANK_WORDS | vocab.OUTLET_WORDS | set(vocab.UNIT_NOUNS)
               | {"pictures", "productions", "mobile"}) - vocab.COMPANY_SUFFIXES


def _can_own(cluster: Cluster) -> bool:
    return bool(cluster.mentions) and cluster.kind not in _NOT_AN_OWNER and \
        name_key(cluster.name) not in vocab.PLACES


def _nested(short: str, long: str) -> bool:
    """Is ``long`` the name ``short`` followed by a place or a business word?

    >>> _nested("nintendo", "nintendo australia"), _nested("sony", "sony pictures")
    (True, True)
    >>> _nested("samsung", "samsung galaxy note"), _nested("xiaomi", "xiaomi corp")
    (False, False)
    """
    if not short or not long.startswith(short + " "):
        return False
    extra = long[len(short) + 1:].split()
    while extra and extra[-1] in vocab.COMPANY_SUFFIXES:
        extra.pop()
    return bool(extra) and (" ".join(extra) in vocab.PLACES or extra[-1] in _UNIT_WORDS)


def nesting_facts(text: str, clusters: list[Cluster], facts: list[Fact]) -> list[Fact]:
    """One ownership fact per organisation whose name begins with another organisation's name."""
    owned = {fact.object.number for fact in facts if fact.relation == "ownership"}
    owners = [(name_key(form), cluster) for cluster in clusters if _can_own(cluster)
              for form in (cluster.name, *cluster.aliases)]
    found: list[Fact] = []
    for cluster in clusters:
        if not cluster.mentions or cluster.kind in ("person", "authority") or cluster.number in owned:
            continue
        start, end = cluster.first
        written = name_key(text[start:end])
        candidates = [(len(key), owner) for key, owner in owners
                      if owner is not cluster and owner.first[0] < start and _nested(key, written)]
        if not candidates:
            continue
        _, owner = max(candidates, key=lambda pair: pair[0])
        found.append(Fact("ownership", owner, cluster, (None, None), "", "current", None,
                          start, end, CONFIDENCE, "name-nesting"))
    return found

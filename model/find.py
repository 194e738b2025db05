"""Find: which entities a typed text names, best match first, and the names worth offering.

An entity matches when the text, ignoring case and the white space around it, stands anywhere in
its name or one of its aliases ('新网' finds Sichuan Xinwang Bank by its alias). Matches come in
this order: a name equal to the text, then names starting with it, then the rest, each
alphabetically, ignoring case.
"""

from __future__ import annotations

from model.document import Document
from model.types import Entity


def find_entities(doc: Document, text: str) -> list[Entity]:
    """The entities whose name or an alias contains ``text``, best match first; none for blank text.

    >>> doc = Document()
    >>> for id_, name in [("b", "Sichuan Xinwang Bank"), ("x", "Xiaomi"), ("xf", "Xiaomi Finance")]:
    ...     doc.add_entity(Entity(id_, name))
    >>> [entity.id for entity in find_entities(doc, " xiaomi ")]
    ['x', 'xf']
    >>> [entity.id for entity in find_entities(doc, "BANK")], find_entities(doc, "  ")
    (['b'], [])
    """
    wanted = text.strip().casefold()
    if not wanted:
        return []
    matches = [entity for entity in doc.entities()
               if any(wanted in name.casefold() for name in (entity.name, *entity.aliases))]
    return sorted(matches, key=lambda entity: _rank(entity.name, wanted))


def _rank(name: str, wanted: str) -> tuple[bool, bool, str, str]:
    folded = name.casefold()
    return folded != wanted, not folded.startswith(wanted), folded, name


def findable_names(doc: Document) -> list[str]:
    """Every name and alias of the document's entities, once each, sorted: what Find offers.

    >>> doc = Document()
    >>> doc.add_entity(Entity("b", "Sichuan Xinwang Bank", aliases=("新网银行",)))
    >>> doc.add_entity(Entity("x", "Xiaomi"))
    >>> findable_names(doc)
    ['Sichuan Xinwang Bank', 'Xiaomi', '新网银行']
    """
    return sorted({name for entity in doc.entities() for name in (entity.name, *entity.aliases)})

"""The words for relationship kinds: the verb a sentence uses and the noun a menu or legend shows.

Every place that writes a kind in words (the line's label when no role is given, the timeline's
facts, the legend, the new-relationship dialog, the outline's tabs) takes its words from here, so
they agree. The keys are the kind names of :mod:`model.types` (``"ownership"``...); this module
imports nothing from the model, so :mod:`model.types` can use it.

>>> relationship_sentence("Xiaomi", "ownership", "", "Sichuan Xinwang Bank")
'Xiaomi owns Sichuan Xinwang Bank'
"""

from __future__ import annotations

# What the subject does to the object: 'Xiaomi owns Sichuan Xinwang Bank'.
KIND_VERBS = {
    "ownership": "owns",
    "position": "holds a position at",
    "reporting": "reports to",
    "licence": "licenses",
}

# What the kind is called on its own: menus, the legend, the outline's tabs.
KIND_NOUNS = {
    "ownership": "Ownership",
    "position": "Position",
    "reporting": "Reporting",
    "licence": "Licence or approval",
}


def kind_verb(kind: str) -> str:
    """The verb phrase of a relationship kind; an unknown kind is its own word.

    >>> kind_verb("position"), kind_verb("sponsorship")
    ('holds a position at', 'sponsorship')
    """
    return KIND_VERBS.get(kind, kind)


def kind_noun(kind: str) -> str:
    """The name of a relationship kind for a menu or a legend.

    >>> kind_noun("licence")
    'Licence or approval'
    """
    return KIND_NOUNS.get(kind, kind.capitalize())


def kind_choice(kind: str) -> str:
    """A kind as a menu offers it: its name and what it says about the two ends.

    >>> kind_choice("reporting")
    'Reporting (reports to)'
    """
    return f"{kind_noun(kind)} ({kind_verb(kind)})"


def relationship_sentence(subject: str, kind: str, role: str, obj: str) -> str:
    """A relationship as a sentence, from the names at its ends.

    A position with a role names the role; any other role that says more than the verb follows
    in brackets.

    >>> relationship_sentence("Zhao Weixing", "position", "vice president", "Xiaomi fintech branch")
    'Zhao Weixing, vice president at Xiaomi fintech branch'
    >>> relationship_sentence("Zhao Weixing", "reporting", "reports to", "Hong Feng")
    'Zhao Weixing reports to Hong Feng'
    >>> relationship_sentence("CBIRC", "licence", "digital banking license", "Xiaomi")
    'CBIRC licenses Xiaomi (digital banking license)'
    """
    if kind == "position" and role:
        return f"{subject}, {role} at {obj}"
    verb = kind_verb(kind)
    extra = f" ({role})" if role and role != verb else ""
    return f"{subject} {verb} {obj}{extra}"

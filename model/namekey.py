"""Names reduced for comparison: the one rule for "is this the same name?", used when reading an
article (short names, names the project knows) and when adding a source to a project.

>>> name_key("The Xiaomi Corporation"), name_key("XIAOMI Corp."), name_key("Société Générale S.A.")
('xiaomi', 'xiaomi', 'societe generale')
"""

from __future__ import annotations

import re
import unicodedata

# Words that end a company's name without telling companies apart ("Xiaomi Corporation" is "Xiaomi").
COMPANY_SUFFIXES = frozenset(
    """group holdings holding inc incorporated corp corporation co company companies ltd limited llc
    plc ag sa nv bv se lp llp pty pte kk gmbh spa oyj asa ab""".split()
)


def name_key(name: str) -> str:
    """Lower case, no accents, brackets, punctuation, leading 'the' or trailing company suffixes."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("’", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text)  # "S.A." -> "SA."
    words = re.findall(r"\w+", text)
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)

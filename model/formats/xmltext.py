"""Text that XML can hold. XML 1.0 forbids most control characters (U+0001, U+000B...) and lone
surrogates, which JSON allows in a name; a file writing them as they are is one no XML reader opens.
Each such character becomes U+FFFD, the replacement character, so the rest of the name survives.

>>> xml_text("Ctl\\x01\\x0bName")
'Ctl\\ufffd\\ufffdName'
>>> xml_text("Xiaomi 小米\\n\\tok")
'Xiaomi 小米\\n\\tok'
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)

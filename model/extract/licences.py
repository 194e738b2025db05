"""The wordings of licences and approvals: an authority grants an organisation a licence.

Subject is the authority, object the holder, ``role`` the licence ("digital banking license").
Where the text names no grantor, :func:`model.extract.rules.apply` takes the authority of the
place written ("a licence in Singapore") or the only authority the article has named.
"""

from __future__ import annotations

from model.extract.rules import AUTHORITY, AUX, DET, INTENT, ORG, POSS, REL, many, one, rule

_NOUN = (r"(?:licen[cs]es?|permits?|approvals?|authori[sz]ations?|charters?|green\s+light|go-ahead|nod|"
         r"permission)")
_LICENCE = rf"(?P<role>(?:[a-z][\w-]*\s+){{0,4}}?{_NOUN})"
_PURPOSE = (r"(?:\s+to\s+(?:[a-z][\w-]*\s+){0,5}?"
            r"(?:company|bank|business|unit|subsidiary|operations?|services?))?")
_PLACE = r"(?:\s+in\s+(?P<place>[A-Z][\w]*(?:\s+[A-Z][\w]*){0,2}))?"
_GAINED = (r"(?:received|receives|receive|obtained|obtains|obtain|won|wins|win|secured|secures|secure|"
           r"acquired|acquires|acquire|got|gets|get|was\s+granted|were\s+granted|has\s+been\s+granted|had\s+been\s+granted|"
           r"was\s+awarded|has\s+been\s+awarded|was\s+issued|was\s+given|has\s+been\s+given|applied\s+for|"
           r"applies\s+for|apply\s+for|holds|held|lost|loses)")

RULES = [
    rule("granted", "licence",
         rf"{one('subj', AUTHORITY)}{REL}\s+{AUX}(?:granted|grants|grant|gave|gives|give|awarded"
         rf"|awards|award|"
         rf"issued|issues|issue|handed|hands)\s+{many('obj', ORG)}\s+{DET}{_LICENCE}"
         rf"(?P<purpose>{_PURPOSE})", 0.85),
    rule("granted-to", "licence",
         rf"{one('subj', AUTHORITY)}{REL}\s+{AUX}(?:granted|grants|awarded|awards|issued|issues"
         rf"|gave|gives)\s+"
         rf"(?:a|an|the)\s+{_LICENCE}\s+to\s+{many('obj', ORG)}", 0.85),
    rule("gained", "licence",
         rf"{many('obj', ORG)}{REL}\s*,?\s*(?:however\s*,\s*)?{AUX}{INTENT}{_GAINED}\s+{DET}"
         rf"{_LICENCE}(?:\s+(?:from|by)\s+{one('subj', AUTHORITY)})?{_PLACE}", 0.7),
    rule("approved", "licence",
         rf"{one('subj', 'a')}{REL}\s+{AUX}(?:approved|approves|approve|cleared|clears|authori[sz]ed|"
         rf"authori[sz]es|licensed|licenses)\s+{one('obj', ORG)}", 0.7, role="approval"),
    rule("approved-by", "licence",
         rf"{many('obj', ORG)}\s+(?:was|has\s+been|had\s+been|is|were)\s+(?:approved|licensed|authori[sz]ed|"
         rf"cleared)\s+by\s+{one('subj', 'a')}", 0.7, role="approval"),
    rule("revoked", "licence",
         rf"{one('subj', AUTHORITY)}\s+{AUX}(?:revoked|revokes|withdrew|withdrawn|cancelled|canceled|"
         rf"suspended|pulled)\s+{one('obj', ORG)}{POSS}\s+{_LICENCE}", 0.8, status="former"),
    rule("revoked-of", "licence",
         rf"{one('subj', AUTHORITY)}{REL}\s+{AUX}(?:revoked|revokes|withdrew|withdrawn|cancelled|canceled|"
         rf"suspended|pulled)\s+(?:the|a|an)\s+{_LICENCE}\s+(?:of|held\s+by|granted\s+to)\s+"
         rf"{one('obj', ORG)}",
         0.8, status="former"),
    rule("approved-licence-transfer", "licence",
         rf"{one('subj', 'a')}{REL}\s+{AUX}(?:approved|approves|cleared|clears|authori[sz]ed)\s+(?:the\s+)?"
         rf"(?:[a-z][\w-]*\s+){{0,2}}?(?:transfer|renewal|extension|issuance|issue)\s+of\s+"
         rf"{one('obj', ORG)}{POSS}?"
         rf"\s+{_LICENCE}", 0.7),
]

"""The wordings of ownership: who holds what share of whom, active, passive and possessive.

Subject is the owner, object the owned. "holds 29.5%", "a 30% stake", "owns 90% of" are exact;
"majority", "controlling", "minority", "more than 25%" are ranges; "Tencent-backed", "backed by",
"a unit of", "its subsidiary" are undisclosed; "wholly owned" is 100.
"""

from __future__ import annotations

from model.extract.rules import (
    ADVERBS,
    ANY,
    ASIDE,
    AUX,
    BY_WORDS,
    DESC,
    DET,
    INTENT,
    ORG,
    POSS,
    REL,
    SHARE_GROUP,
    UNIT_DESC,
    many,
    one,
    rule,
)
from model.extract.shares import SHARE

_STAKE_NOUN = r"(?:stake|stakes|interest|holding|shareholding|share|equity\s+stake|ownership)"
_STAKE_MOD = (r"(?:(?:equity|direct|indirect|combined|total|further|additional|remaining|small|large|big|"
              r"significant|sizeable|sizable|strategic|minority|majority|controlling|financial|economic|"
              r"voting|new|existing|undisclosed|an\s+estimated)\s+)*")
_STAKE = (rf"{DET}?(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}{_STAKE_NOUN}"
          rf"(?:\s+of\s+(?P<share2>{SHARE}))?")
_OWN_VERB = (r"(?:own|owns|owned|owning|hold|holds|held|holding|has|have|had|having|control|controls|"
             r"controlled|acquire|acquires|acquired|acquiring|buy|buys|bought|buying|purchase|purchases|"
             r"purchased|take|takes|took|taken|taking|build|builds|built|raise|raises|raised|increase|"
             r"increases|increased|retain|retains|retained|keep|keeps|kept|maintain|maintains|maintained|"
             r"sell|sells|sold|selling|divest|divests|divested|dispose\s+of|disposed\s+of|reduce|reduced|"
             r"cut|cuts|offload|offloaded|secure|secured|secures|obtain|obtained|obtains)")
_ACQUIRE = (r"(?:acquire|acquires|acquired|acquiring|buy|buys|bought|buying|purchase|purchased|purchases|"
            r"take\s+over|takes\s+over|took\s+over|taken\s+over|absorbed|absorbs|own|owns|owned|"
            r"has\s+owned|control|controls|controlled|took\s+(?:full\s+)?control\s+of|"
            r"completed\s+(?:the|its|their)\s+(?:acquisition|purchase|takeover)\s+of)")
_PASSIVE_VERB = (r"(?:owned|controlled|acquired|bought|purchased|backed|held|taken\s+over|funded|financed|"
                 r"majority-owned|wholly-owned)")
_RANGE_ADVERB = (r"(?:(?:majority|minority|partly|partially|jointly|mostly|directly|indirectly|ultimately|"
                 r"privately|wholly|fully|entirely|solely|now|currently|also)[\s-]+)*")
_UNIT = (r"(?:subsidiary|subsidiaries|unit|units|division|arm|affiliate|branch|part|wing|school|college|"
         r"faculty|command|channel|station|imprint|label|brand)")
_UNIT_NOUN = r"(?:subsidiary|subsidiaries|unit|units|division|arm|affiliate|affiliates|branch|wing)"
_RANKS = (r"(?:(?:single|largest|biggest|major|main|controlling|majority|minority|second-largest|key|"
          r"strategic|principal|sole|leading|top|new|anchor|cornerstone)\s+)*")
_SHAREHOLDER = r"(?:shareholder|stakeholder|owner|co-owner|investor|backer)"
_NEW_UNIT_VERB = (r"(?:set\s+up|sets\s+up|setting\s+up|establish|established|establishes|establishing|"
                  r"launch|launched|launches|form|formed|create|created|shut\s+down|shuts\s+down|"
                  r"shutting\s+down|dissolve|dissolved|dissolving|close|closed|break\s+up|broke\s+up|"
                  r"wind\s+down|wound\s+down|wind\s+up|wound\s+up|liquidate|liquidated|spin\s+off|"
                  r"spun\s+off)")

RULES = [
    rule("stake-active", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_OWN_VERB}\s+{_STAKE}\s+(?:in|of)\s+{many('obj', ORG)}"
         rf"(?:\s+to\s+(?P<share3>{SHARE}))?", 0.85, basis="stake"),
    rule("percent-of", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_OWN_VERB}\s+(?:a\s+)?{SHARE_GROUP}\s+(?:of|in)\s+"
         rf"(?:the\s+(?:shares|equity|capital|stock)\s+(?:of|in)\s+)?{many('obj', ORG)}", 0.85,
         basis="stake"),
    rule("stake-possessive", "ownership",
         rf"{one('subj')}{POSS}\s+"
         rf"(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}{_STAKE_NOUN}\s+in\s+{many('obj', ORG)}",
         0.75, basis="stake"),
    rule("stake-held-by", "ownership",
         rf"(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}{_STAKE_NOUN}\s+in\s+{one('obj', ORG)}\s*,?\s*"
         rf"(?:which\s+is\s+|is\s+|was\s+)?(?:held|owned)\s+by\s+{many('subj')}", 0.8, basis="stake"),
    rule("acquisition", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_ACQUIRE}\s+{DESC}{many('obj', ORG)}(?!{POSS})", 0.7,
         basis="acquired"),
    rule("acquisition-possessive", "ownership",
         rf"{one('subj')}{POSS}\s+(?:planned\s+|proposed\s+|pending\s+)?(?:acquisition|purchase|takeover)\s+of\s+"
         rf"{DESC}{one('obj', ORG)}", 0.65, basis="acquired"),
    rule("passive", "ownership",
         rf"{many('obj', ORG, True)}{ASIDE}{REL}\s*,?\s*{AUX}(?:{SHARE_GROUP}[\s-]+)?{_RANGE_ADVERB}"
         rf"{_PASSIVE_VERB}\s+by\s+{BY_WORDS}{many('subj')}", 0.8, basis="stake"),
    rule("passive-described", "ownership",
         rf"{one('obj', ORG)}\s+(?:is|was|has\s+been|became|remains)\s+(?:a|an|the)\s+[^⟦⟧,;.]{{1,60}}?\s+"
         rf"(?:{SHARE_GROUP}[\s-]+)?{_RANGE_ADVERB}(?:owned|controlled|backed)\s+by\s+{BY_WORDS}{many('subj')}",
         0.7, basis="stake"),
    rule("in-which", "ownership",
         rf"{one('obj', ORG)}\s*,\s*in\s+which\s+{one('subj')}\s+{AUX}{INTENT}{_OWN_VERB}\s+{_STAKE}", 0.8,
         basis="stake"),
    rule("described-appositive", "ownership",
         rf"{one('obj', ORG)}\s*,\s*(?:a|an|the)\s+[^⟦⟧,;.]{{1,60}}?\s+"
         rf"(?:{SHARE_GROUP}[\s-]+)?{_RANGE_ADVERB}"
         rf"(?:owned|controlled|backed)\s+by\s+{BY_WORDS}{many('subj')}", 0.7, basis="stake"),
    rule("sold-to", "ownership",
         rf"{many('obj', ORG, True)}{ASIDE}\s+{AUX}(?:was|were|has\s+been|had\s+been|is\s+being|will\s+be|"
         rf"would\s+be)\s+{ADVERBS}sold\s+to\s+{BY_WORDS}{one('subj')}", 0.75, basis="acquired"),
    rule("hyphen-backed", "ownership",
         rf"(?P<subj>⟦\d+[{ANY}]⟧)[-‐](?:backed|owned|controlled|funded|financed"
         rf"|held)\s+{DESC}{one('obj', ORG)}",
         0.8, basis="backed"),
    rule("unit-of", "ownership",
         rf"{many('obj', ORG, True)}{ASIDE}(?:\s*,\s*(?:which\s+is\s+)?|\s+(?:is|was|has\s+been"
         rf"|had\s+been|became|becomes|"
         rf"will\s+become|remains)\s+)(?:now\s+)?(?:a|an|the|one\s+of\s+the)?\s*"
         rf"(?:{SHARE_GROUP}[\s-]+(?:owned\s+)?)?{UNIT_DESC}{_UNIT}\s+of\s+{one('subj')}",
         0.8, basis="subsidiary"),
    rule("unit-possessive", "ownership",
         rf"{one('subj')}(?:{POSS})?\s+(?:{SHARE_GROUP}[\s-]+(?:owned\s+)?)?{UNIT_DESC}"
         rf"{_UNIT_NOUN}(?:\s*,\s*|\s+of\s+|\s+)(?:the\s+)?{many('obj', ORG)}",
         0.75, basis="subsidiary"),
    rule("named-unit-possessive", "ownership",
         rf"{one('subj')}{POSS}\s+{one('obj', ORG)}\s+(?:division|unit|subsidiary|arm|affiliate|brand|label|"
         rf"imprint|channel)\b", 0.7, basis="subsidiary"),
    rule("unit-appositive", "ownership",
         rf"{one('obj', ORG)}\s*,\s*(?:a|an|the)?\s*(?:{SHARE_GROUP}[\s-]+owned\s+)?{one('subj')}"
         rf"(?:{POSS})?\s+"
         rf"{UNIT_DESC}(?:subsidiary|unit|division|arm|affiliate)\b", 0.75, basis="subsidiary"),
    rule("parent-possessive", "ownership",
         rf"{one('obj', ORG)}{POSS}\s+(?:[a-z]+\s+)?parent(?:\s+(?:company|group"
         rf"|firm))?\s*,?\s+{one('subj')}",
         0.8, basis="parent"),
    rule("parent-of", "ownership",
         rf"{one('subj')}(?:\s*,\s*|\s+(?:is|was|became|remains)\s+)(?:the|a)?\s*(?:[\w-]+\s+)?"
         rf"parent(?:\s+(?:company|group|firm))?\s+of\s+{many('obj', ORG)}", 0.8, basis="parent"),
    rule("shareholder-of", "ownership",
         rf"{many('subj', ANY, True)}(?:\s*,\s*|\s+(?:is|was|are|were|became|becomes|remains"
         rf"|has\s+become|will\s+become)\s+)"
         rf"(?:the|a|an|its)?\s*(?:{SHARE_GROUP}[\s-]+)?{_RANKS}{_SHAREHOLDER}s?\s+(?:of"
         rf"|in)\s+{many('obj', ORG)}",
         0.75, basis="stake"),
    rule("shareholder-possessive", "ownership",
         rf"{one('obj', ORG)}{POSS}\s+{_RANKS}(?:shareholder|owner|investor|backer)s?\s*,?\s+"
         rf"(?:include\s+|includes\s+|is\s+|are\s+)?{many('subj')}", 0.75, basis="stake"),
    rule("invested-in", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}(?:invested|invests|invest|investing)\s+(?:[^⟦⟧,.;]{{0,40}}?\s+)?"
         rf"in\s+{many('obj', ORG)}", 0.55, basis="invested"),
    rule("new-unit", "ownership",
         rf"{one('subj')}(?:[^⟦⟧.;]{{0,60}}?)\s{_NEW_UNIT_VERB}\s+(?:a|an|its|their|the)\s+"
         rf"(?P<newdesc>(?:(?:[a-z][\w-]*|\([A-Z0-9]+\))\s+){{1,4}}?)"
         rf"(?P<newnoun>subsidiary|unit|division|arm|company|venture|bank|firm)\b(?!\s*,?\s*(?:called|named)?\s*⟦)",
         0.6, basis="subsidiary"),
]

"""The wordings of ownership: who holds what share of whom, active, passive and possessive.

Subject is the owner, object the owned. "holds 29.5%", "a 30% stake", "owns 90% of" are exact;
"majority", "controlling", "minority", "more than 25%" are ranges; "Tencent-backed", "backed by",
"a unit of", "its subsidiary" are undisclosed; "wholly owned" is 100.

A deal names two owners: "agreed to buy a 60% stake in X from Y" (Y holds X until it closes),
"sold its 20% stake in X to Z" (Z holds it now, or will). A joint venture has two ("set up a joint
venture with Y, X"), and so may a passive ("40% owned by A and 15% owned by B", "with the remaining
quarter owned by C"). A stake written without its company ("Redwood retains a minority stake") is in
the one other organisation of the sentence.
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
    PAREN,
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
             r"reduce|reduced|cut|cuts|secure|secured|secures|obtain|obtained|obtains|"
             r"complete[sd]?\s+(?:the|its|their|⟦\d+[a-z]\*⟧)\s+(?:acquisition|purchase)\s+of)")
_SELL_VERB = (r"(?:sell|sells|sold|selling|divest|divests|divested|divesting|dispose\s+of|disposed\s+of|"
              r"offload|offloads|offloaded|transfer|transfers|transferred)")
# "from private equity firm Granite Partners": who held what is bought; "to Y": who buys what is sold.
_FROM_SELLER = r"(?:\s+from\s+" + BY_WORDS + r"(?:[Tt]he\s+)?(?P<seller>⟦\d+[" + ANY + r"]⟧))?"
_TO_BUYER = (r"(?:\s+(?:[^⟦⟧.;,]{0,30}?\s+)?to\s+" + BY_WORDS + r"(?:[Tt]he\s+)?(?P<buyer>⟦\d+[" + ANY
             + r"]⟧))?")
# The company named in the same sentence, when a stake is written without one: "Redwood retains a
# minority stake", "Granite will keep the remaining 40%".
_BARE_STAKE = (rf"(?:{DET}(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}(?:stake|holding|interest|shareholding)"
               rf"|the\s+(?:remaining|rest\s+of\s+the|other)\s+(?P<share2>{SHARE}))(?!\s+(?:in|of)\b)(?![\w-])")
_ACQUIRE = (r"(?:acquire|acquires|acquired|acquiring|buy|buys|bought|buying|purchase|purchased|purchases|"
            r"take\s+over|takes\s+over|took\s+over|taken\s+over|absorbed|absorbs|own|owns|owned|"
            r"has\s+owned|control|controls|controlled|took\s+(?:full\s+)?control\s+of|"
            r"completed\s+(?:the|its|their)\s+(?:acquisition|purchase|takeover)\s+of)")
_JOINT_VENTURE = r"(?:(?:50-50|50:50|[a-z][\w-]*)\s+){0,2}?joint[\s-]+venture"
_PASSIVE_VERB = (r"(?:owned|controlled|acquired|bought|purchased|backed|held|taken\s+over|funded|financed|"
                 r"majority-owned|wholly-owned)")
_RANGE_ADVERB = (r"(?:(?:majority|minority|partly|partially|jointly|mostly|directly|indirectly|ultimately|"
                 r"privately|wholly|fully|entirely|solely|now|currently|also)[\s-]+)*")
_UNIT = (r"(?:subsidiary|subsidiaries|unit|units|division|arm|affiliate|branch|part|wing|school|college|"
         r"faculty|command|channel|station|imprint|label|brand)")
_UNIT_NOUN = (r"(?:subsidiary|subsidiaries|unit|units|division|arm|affiliate|affiliates|branch|wing|"
              r"channel|label|imprint)")
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
         rf"(?:\s+to\s+(?P<share3>{SHARE}))?{_FROM_SELLER}", 0.85, basis="stake"),
    rule("stake-sold", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_SELL_VERB}\s+{_STAKE}\s+(?:in|of)\s+{one('obj', ORG)}"
         rf"{_TO_BUYER}", 0.85, basis="stake", sale=True),
    rule("stake-unnamed", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}(?:retains?|retained|keeps?|kept|holds?|held|owns?|owned|"
         rf"maintains?|maintained)\s+{_BARE_STAKE}", 0.6, basis="stake", implicit_object=True),
    rule("percent-of", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_OWN_VERB}\s+(?:a\s+)?{SHARE_GROUP}\s+(?:of|in)\s+"
         rf"(?:the\s+(?:shares|equity|capital|stock)\s+(?:of|in)\s+)?{many('obj', ORG)}"
         rf"(?:{POSS}?\s+(?:issued\s+|outstanding\s+|voting\s+)?(?:shares|stock|equity|capital))?", 0.85,
         basis="stake"),
    rule("stake-possessive", "ownership",
         rf"{one('subj')}{POSS}\s+"
         rf"(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}{_STAKE_NOUN}\s+in\s+{many('obj', ORG)}",
         0.75, basis="stake"),
    rule("stake-held-by", "ownership",
         rf"(?:{SHARE_GROUP}[\s-]+)?{_STAKE_MOD}{_STAKE_NOUN}\s+in\s+{one('obj', ORG)}\s*,?\s*"
         rf"(?:which\s+is\s+|is\s+|was\s+)?(?:held|owned)\s+by\s+{many('subj')}", 0.8, basis="stake"),
    rule("acquisition", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_ACQUIRE}\s+{DESC}{many('obj', ORG)}(?!{POSS})"
         rf"{_FROM_SELLER}", 0.7,
         basis="acquired"),
    rule("and-acquired", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}(?:owned|owns|acquired|bought|purchased|controlled|controls|founded|"
         rf"merged\s+with)\s+[^.;]{{1,200}}?,?\s+and\s+(?:later\s+|then\s+|also\s+|subsequently\s+|in\s+turn\s+)?"
         rf"(?:acquired|bought|purchased|took\s+over)\s+{DESC}{many('obj', ORG)}(?!{POSS})", 0.55,
         basis="acquired"),
    rule("received-from", "ownership",
         rf"{one('obj', ORG)}\s*,\s*which\s+(?:it|they|⟦\d+[a-z]\*?⟧|the\s+company|the\s+group)\s+(?:had\s+)?"
         rf"(?:received|acquired|bought|purchased|inherited|took\s+over)\s+from\s+{BY_WORDS}{one('subj')}",
         0.6, basis="acquired", status="former"),
    rule("company-possessive", "ownership",
         rf"(?<!\w)(?<![Tt]he\s)(?P<subj>⟦\d+[ou]⟧){POSS}\s+{one('obj', 'o')}(?!{POSS})", 0.5,
         basis="subsidiary"),
    rule("acquisition-possessive", "ownership",
         rf"{one('subj')}{POSS}\s+(?:planned\s+|proposed\s+|pending\s+)?(?:acquisition|purchase|takeover)\s+of\s+"
         rf"{DESC}{one('obj', ORG)}{_FROM_SELLER}", 0.65, basis="acquired"),
    rule("sold-active", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}{_SELL_VERB}\s+{DET}?{DESC}{one('obj', ORG)}(?!{POSS})"
         rf"(?!\s+(?:[\w-]+\s+){{0,2}}?(?:stake|shares|interest|holding|assets?|business|operations|unit))"
         rf"(?:\s+(?:[^⟦⟧.;,]{{0,30}}?\s+)?to\s+{BY_WORDS}(?:[Tt]he\s+)?(?P<buyer>⟦\d+[{ANY}]⟧))", 0.7,
         basis="acquired", sale=True),
    rule("joint-venture-with", "ownership",
         rf"{one('subj')}(?:{POSS})?\s+(?:[a-z][\w-]*\s+){{0,2}}?{_JOINT_VENTURE}\s+with\s+{BY_WORDS}"
         rf"{one('subj2')}\s*,\s*(?:called\s+|named\s+)?{one('obj', ORG)}", 0.7, basis="stake"),
    rule("joint-venture-formed", "ownership",
         rf"{one('subj')}{REL}\s+{AUX}{INTENT}(?:set\s+up|sets\s+up|formed|forms|form|created|creates|"
         rf"launched|launches|established|establishes|agreed|signed|announced)\s+(?:a|an)\s+"
         rf"(?P<share>50-50\s+|50:50\s+)?{_JOINT_VENTURE}\s+with\s+{BY_WORDS}{one('subj2')}\s*,?\s*"
         rf"(?:called\s+|named\s+|known\s+as\s+)?{one('obj', ORG)}"
         rf"(?:\s*,\s*in\s+which\s+(?:each|both)\s+(?:partner|company|side|party|of\s+them)?\s*"
         rf"(?:holds|owns|has|will\s+hold|will\s+own|hold|own)\s+(?P<share2>{SHARE}))?", 0.7, basis="stake"),
    rule("joint-venture-between", "ownership",
         rf"{one('obj', ORG)}\s*,\s*(?:a|an|the)\s+{_JOINT_VENTURE}\s+(?:between|of|by)\s+{BY_WORDS}"
         rf"{one('subj')}\s+and\s+{BY_WORDS}{one('subj2')}", 0.7, basis="stake"),
    rule("remaining-held-by", "ownership",
         rf"(?:{_OWN_VERB}|owned|held)\s+(?:a\s+)?{SHARE}[^⟦⟧.;]{{0,20}}?\s+(?:of|in)\s+{one('obj', ORG)}"
         rf"\s*[,;]\s*"
         rf"(?:with|while|and)\s+the\s+(?:remaining|rest|other|balance)\s*"
         rf"(?P<share>{SHARE}|quarter|third|half)?\s*(?:stake\s+|of\s+the\s+shares\s+)?(?:is\s+|being\s+)?"
         rf"(?:owned|held|controlled)\s+by\s+{BY_WORDS}{one('subj')}", 0.7, basis="stake"),
    rule("passive-second", "ownership",
         rf"{one('obj', ORG)}\s+{AUX}(?:{SHARE}[\s-]+)?{_RANGE_ADVERB}(?:owned|held)\s+by\s+[^.;]{{1,80}}?\s+"
         rf"and\s+{SHARE_GROUP}[\s-]+(?:owned|held)\s+by\s+(?:(?:⟦\d+[a-z]\*⟧|[a-z][\w-]*)[\s,]+){{0,6}}?"
         rf"(?P<subj>⟦\d+[{ANY}]⟧)", 0.7, basis="stake"),
    rule("passive", "ownership",
         rf"{many('obj', ORG, True)}(?:\s+itself)?{ASIDE}{REL}\s*,?\s*{AUX}(?:{SHARE_GROUP}[\s-]+)?"
         rf"{_RANGE_ADVERB}"
         rf"{_PASSIVE_VERB}\s+by\s+{BY_WORDS}{many('subj')}", 0.8, basis="stake"),
    rule("passive-and", "ownership",
         rf"{one('obj', ORG)}{REL}\s+(?:is|was|has\s+been)\s+{ADVERBS}[a-z]+ed\b"
         rf"(?:[^.;]|\.(?=\d)){{0,80}}?\s+and\s+"
         rf"(?:is\s+|was\s+|has\s+been\s+)?(?:later\s+|now\s+|since\s+)?(?:{SHARE_GROUP}[\s-]+)?"
         rf"{_RANGE_ADVERB}{_PASSIVE_VERB}\s+by\s+"
         rf"{BY_WORDS}{many('subj')}", 0.6, basis="stake"),
    rule("passive-described", "ownership",
         rf"{one('obj', ORG)}{PAREN}\s+(?:is|was|has\s+been|became|remains)\s+(?:a|an|the)\s+"
         rf"[^⟦⟧,;.]{{1,60}}?\s+"
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
         rf"|had\s+been|became|becomes|operates\s+as|will\s+operate\s+as|to\s+operate\s+as|"
         rf"will\s+become|remains)\s+)(?:now\s+)?(?:a|an|the|one\s+of\s+the)?\s*"
         rf"(?:{SHARE_GROUP}[\s-]+(?:owned\s+)?)?{UNIT_DESC}{_UNIT}\s+of\s+{BY_WORDS}{one('subj')}",
         0.8, basis="subsidiary"),
    rule("belongs-to", "ownership",
         rf"{one('obj', ORG)}{REL}\s+{AUX}(?:belongs|belonged|belong|belonging)\s+to\s+"
         rf"(?:[^⟦⟧,;.]{{0,30}}?\s+)?{one('subj')}", 0.65, basis="subsidiary"),
    rule("comprises", "ownership",
         rf"{one('subj', ORG)}{REL}\s+{AUX}(?:comprises|comprised|consists\s+of|consisted\s+of"
         rf"|is\s+made\s+up\s+of|was\s+made\s+up\s+of)\s+{many('obj', ORG)}", 0.6, basis="subsidiary"),
    rule("unit-possessive", "ownership",
         rf"{one('subj')}(?:{POSS})?\s+(?:{SHARE_GROUP}[\s-]+(?:owned\s+)?)?{UNIT_DESC}"
         rf"(?:{_UNIT_NOUN}|team|joint\s+venture)(?:\s*,\s*|\s+of\s+|\s+)(?:the\s+)?{many('obj', ORG)}",
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
         rf"(?P<newnoun>subsidiary|unit|division|arm|company|venture|bank|firm)\b"
         rf"(?!\s*,?\s*(?:called|named)?\s*⟦|\s+with\s+[^.;]{{0,40}}⟦)",
         0.6, basis="subsidiary"),
]

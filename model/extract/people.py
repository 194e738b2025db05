"""The wordings of positions (who holds which title where) and of reporting lines.

Position: subject a person, object an organisation, ``role`` the title ("Zhao Weixing, the former
president at Sichuan Xinwang Bank"; "Xiaomi appointed Alain Lam as chief financial officer").
Reporting: subject reports to object ("Zhao will report to Hong Feng", "will report to Nordic
Telecom's chief operating officer, Per Holm"). Where a wording names a person's earlier post it is a
second, former position: "joined X from Y", "former Barclays executive Helen Cho", "stepped down as
chief executive of X and was replaced by Y", "chief executive Y, who took over from Z".
"""

from __future__ import annotations

from model.extract.rules import (
    ADVERBS,
    ANY,
    ASIDE,
    AUX,
    BY_WORDS,
    DESCRIBED_ROLES,
    DET,
    INTENT,
    MOD,
    ORG,
    PERSON,
    POSS,
    REL,
    ROLE_PLAIN,
    ROLE_WORD,
    ROLES,
    STRICT_PERSON,
    many,
    one,
    rule,
)
from model.wording import kind_verb

REPORTS_TO = kind_verb("reporting")  # the role a reporting line carries

_DET = rf"{DET}?"
_AT = r"\s+(?:of|at|for|with|in|from)\s+"
_COPULA = (r"(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|became|becomes|become|remains|remained|"
           r"serves\s+as|served\s+as|serve\s+as|has\s+served\s+as|have\s+served\s+as|had\s+served\s+as|"
           r"is\s+serving\s+as|was\s+named|has\s+been\s+named|is\s+named|will\s+be\s+named|was\s+appointed|"
           r"has\s+been\s+appointed|is\s+appointed|will\s+be\s+appointed|was\s+appointed\s+as|was\s+elected|"
           r"has\s+been\s+elected|was\s+promoted\s+to|has\s+been\s+promoted\s+to|was\s+hired\s+as|"
           r"has\s+been\s+hired\s+as|was\s+made|took\s+over\s+as|takes\s+over\s+as|will\s+take\s+over\s+as|"
           r"stepped\s+in\s+as|returns\s+as|returned\s+as|works\s+as|worked\s+as|joined\s+as|"
           r"stepped\s+down\s+as|steps\s+down\s+as|will\s+step\s+down\s+as|resigned\s+as|retired\s+as|"
           r"quit\s+as|left\s+as|remains\s+as|continues\s+as|will\s+become|will\s+serve\s+as|"
           r"will\s+remain)")
_APPOINT = (r"(?:appointed|appoints|appoint|appointing|named|names|name|naming|hired|hires|hire|hiring|"
            r"promoted|promotes|elected|elects|tapped|taps|picked|picks|recruited|recruits|poached|"
            r"brought\s+in|brings\s+in|bring\s+in|chose|chooses|selected|selects|nominated|nominates|"
            r"installed|reappointed|re-elected|welcomed|welcomes)")
_AS = (r"\s*,?\s*(?:as|to\s+be|to\s+become|to\s+serve\s+as|to\s+the\s+(?:post|role|position)\s+of|"
       r"to\s+lead|to\s+head|to\s+run)?\s*(?:(?:the|its|a|an|their|new)\s+)*")
_ASIDE = ASIDE
# "X is an economist and former chief executive of Y": other descriptions before the title.
_ALSO = r"(?:[^⟦⟧,;.]{1,60}?\s+(?:and|,)\s+)?"
_EMPLOYER_BEFORE = rf"(?:(?:former|ex|then)[\s-]+)?(?:⟦\d+[{ORG}]⟧\s+(?:[a-z][\w-]*\s+){{0,2}}?)?"
# "Ryan is appointed CIA deputy director": the first name is the one appointed, not who appoints.
_NOT_PASSIVE = (rf"(?!{ADVERBS}(?:is|was|were|are|be|been|has\s+been|had\s+been|will\s+be)\s+"
                rf"{ADVERBS}{_APPOINT})")
# The kind written after a name: "the MAPAR party, founded by ...".
_KIND_NOUN = (r"(?:\s+(?:party|movement|company|firm|group|band|label|organi[sz]ation|institute|foundation|"
              r"society|association|club|magazine|newspaper))?")
# What a title is of, before where: "a professor of history at X".
_FIELD = r"(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?(?=\s+(?:at|in|with|for)\s))?"
# Lowercase words describing an organisation before its name: "the state - owned power monopoly X".
_ORG_WORDS = (r"(?:(?!(?:for|to|at|in|of|by|with|from|and|or|as|on|the|a|an)\b)(?:[a-z][\w-]*|-)\s+){0,6}?")
# "under the supervision of X": who taught a degree's student, and so worked where it was earned.
_SUPERVISION = (r"(?:the\s+(?:supervision|direction|guidance|tutelage)\s+of\s+)?"
                r"(?:(?:professor|prof\.|dr\.?)\s+)?")
_NOT_VERB = r"(?!(?:said|says|told|tells|hired|hires|appointed|named|and|or|to|with|by|from|the|a|an|as)\b)"

POSITION_RULES = [
    rule("appositive-role", "position",
         rf"{one('subj', PERSON)}\s*,\s*(?:who\s+(?:is|was|has\s+been|had\s+been|will\s+be|became"
         rf"|serves\s+as|"
         rf"served\s+as)\s+|now\s+|currently\s+)?{_DET}{MOD}{ROLES}{_AT}{many('obj', ORG)}", 0.8),
    rule("appositive-described-role", "position",
         rf"{one('subj', PERSON)}\s*,\s*(?:a|an|the)\s+{MOD}{DESCRIBED_ROLES}{_AT}{many('obj', ORG)}", 0.75),
    rule("appositive-org-role", "position",
         rf"{one('subj', PERSON)}\s*,\s*{_DET}{MOD}{one('obj', ORG)}(?:{POSS})?\s+(?:[a-z][\w-]*\s+){{0,2}}?"
         rf"{MOD}{ROLES}\b", 0.75),
    rule("title-before-name", "position",
         rf"{MOD}{one('obj', ORG)}(?:{POSS})?\s+(?:{_NOT_VERB}[a-z][\w-]*\s+){{0,2}}?{MOD}{ROLES}\s*,?\s+"
         rf"{one('subj', STRICT_PERSON)}", 0.75),
    rule("second-title-before-name", "position",
         rf"{one('obj', ORG)}(?:{POSS})?\s+{MOD}{ROLE_PLAIN}\s*,?\s+⟦\d+[pq]⟧\s*,?\s+and\s+(?:the\s+)?"
         rf"{MOD}{ROLES}\s*,?\s+{one('subj', STRICT_PERSON)}", 0.7),
    rule("role-of-is-name", "position",
         rf"(?:[Tt]he\s+)?{MOD}{ROLES}\s+(?:of|at)\s+{one('obj', ORG)}\s+(?:is|was|has\s+been|became)\s+"
         rf"{ADVERBS}{one('subj', STRICT_PERSON)}", 0.75),
    rule("role-of-then-name", "position",
         rf"(?:[Tt]he\s+)?{MOD}{ROLES}\s+(?:of"
         rf"|at)\s+{one('obj', ORG)}\s*,\s*{one('subj', STRICT_PERSON)}", 0.75),
    rule("copula-role", "position",
         rf"{one('subj', PERSON)}{REL}\s+{ADVERBS}{_COPULA}\s+{ADVERBS}{_ALSO}{_DET}{MOD}{ROLES}{_FIELD}{_AT}"
         rf"{many('obj', ORG)}",
         0.8),
    rule("copula-second-role", "position",
         rf"{one('subj', PERSON)}{REL}\s+{ADVERBS}{_COPULA}\s+{ADVERBS}{_DET}?{MOD}{ROLE_PLAIN}{_FIELD}{_AT}"
         rf"(?:the\s+)?⟦\d+[{ORG}]\*?⟧[^⟦⟧.;]{{0,60}}?\s+and\s+(?:also\s+)?{_DET}?{MOD}{DESCRIBED_ROLES}{_FIELD}"
         rf"{_AT}{many('obj', ORG)}", 0.7),
    rule("copula-org-role", "position",
         rf"{one('subj', PERSON)}{REL}\s+{ADVERBS}{_COPULA}\s+{_DET}{MOD}{one('obj', ORG)}(?:{POSS})?\s+"
         rf"(?:[a-z][\w-]*\s+){{0,2}}?{MOD}{ROLES}\b", 0.75),
    rule("appointed-as", "position",
         rf"{one('org', ORG)}{_ASIDE}{REL}\s+{_NOT_PASSIVE}{AUX}{INTENT}{_APPOINT}\s+{_EMPLOYER_BEFORE}"
         rf"{one('subj', PERSON)}"
         rf"{_ASIDE}{_AS}{MOD}{ROLES}"
         rf"(?:\s+(?:of|at|for)\s+{one('obj', ORG)})?", 0.8),
    rule("appointed-new-title", "position",
         rf"{one('org', ORG)}{REL}\s+{AUX}{_APPOINT}\s+(?:as\s+)?(?:its|a|the|their)\s+"
         rf"(?:new\s+)?{MOD}{ROLES}"
         rf"(?:\s+(?:of|at|for)\s+{one('obj', ORG)})?\s*,?\s+{one('subj', STRICT_PERSON)}", 0.75),
    rule("appointment-of", "position",
         rf"{one('org', ORG)}{REL}\s+{AUX}(?:announced|announces|confirmed|confirms|approved|approves)\s+"
         rf"(?:the|its)\s+(?:appointment|hiring|promotion|election|nomination)\s+of\s+{one('subj', PERSON)}"
         rf"\s*,?\s*(?:as|to\s+the\s+(?:post|role|position)\s+of)\s+{_DET}{MOD}{ROLES}"
         rf"(?:\s+(?:of|at|for)\s+{one('obj', ORG)})?", 0.75),
    rule("hired-by", "position",
         rf"{one('subj', PERSON)}\s+{AUX}(?:was|has\s+been|had\s+been|is|will\s+be|were)\s+{ADVERBS}"
         rf"(?:hired|appointed|named|recruited|poached|promoted|elected|chosen|selected|tapped|brought\s+in)\s+"
         rf"by\s+{one('obj', ORG)}(?:\s+as\s+{_DET}{MOD}{ROLES})?", 0.75, role="employee"),
    rule("founded", "position",
         rf"{many('subj', ANY, True)}{REL}\s+{AUX}(?:founded|co-founded|cofounded|co\s-\sfounded"
         rf"|established|set\s+up)\s+"
         rf"{one('obj', ORG)}", 0.7, role="founder", org_subject="ownership", basis="founded"),
    rule("founded-by", "position",
         rf"{many('obj', ORG, True)}{_KIND_NOUN}(?:\s*,\s*(?:which\s+was\s+)?|\s+(?:was|were|had\s+been"
         rf"|has\s+been)\s+)"
         rf"(?:co-?founded|co\s-\sfounded|founded|established|set\s+up|started|created)"
         rf"(?:\s+(?:in|on)\s+[^⟦⟧,]{{1,30}}?)?\s+by\s+{BY_WORDS}{many('subj', ANY)}", 0.75, role="founder",
         org_subject="ownership", basis="founded"),
    rule("led-by", "position",
         rf"{one('obj', ORG)}{ASIDE}(?:\s*,\s*(?:which\s+is\s+|which\s+was\s+)?|\s+(?:is|was|has\s+been"
         rf"|had\s+been)\s+)"
         rf"{ADVERBS}(?:led|headed|run|helmed)\s+by\s+{BY_WORDS}{_EMPLOYER_BEFORE}"
         rf"{one('subj', STRICT_PERSON)}",
         0.65,
         role="head"),
    rule("chaired-by", "position",
         rf"{one('obj', ORG)}(?:\s*,\s*(?:which\s+is\s+|which\s+was\s+)?|\s+(?:is|was|has\s+been"
         rf"|had\s+been)\s+)"
         rf"{ADVERBS}chaired\s+by\s+{BY_WORDS}{one('subj', STRICT_PERSON)}", 0.7, role="chairman"),
    rule("person-of-org", "position",
         rf"{many('subj', 'p', True)}\s+of\s+{one('obj', ORG)}(?!{POSS})", 0.5),
    rule("people-of-org", "position",
         rf"(?P<subj>⟦\d+[pq]⟧(?:\s*,\s*⟦\d+[pq]⟧)*\s*,?\s+and\s+⟦\d+[pq]⟧)\s+of\s+(?:the\s+)?"
         rf"{one('obj', 'o')}(?!{POSS})", 0.5),
    rule("supervised-at", "position",
         rf"\bunder\s+{_SUPERVISION}{many('subj', STRICT_PERSON)}\s+at\s+{one('obj', ORG)}", 0.55,
         role="academic"),
    rule("degree-under", "position",
         rf"(?i:doctorate|degree|ph\.?\s?d\.?|habilitation|dissertation|thesis)[^⟦⟧.;]{{0,40}}?\s+(?:from|at)\s+"
         rf"{one('obj', ORG)}[^⟦⟧.;]{{0,30}}?\s+under\s+{_SUPERVISION}{many('subj', STRICT_PERSON)}", 0.55,
         role="academic"),
    rule("works-for", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}{INTENT}(?:works|worked|working|work|taught|teaches|teach"
         rf"|lectured|lectures|spent\s+[^⟦⟧]{{1,25}}?)\s+"
         rf"(?:(?:[a-z][\w-]*\s+)?(?=at\s)|in\s+(?:the\s+)?[^⟦⟧,;]{{1,20}}?\s+(?=for\s))?"
         rf"(?:as\s+{_DET}{MOD}{ROLES}\s+)?(?:for|at|with)\s+{many('obj', ORG)}", 0.6, role="employee"),
    rule("and-worked-for", "position",
         rf"{one('subj', STRICT_PERSON)}{REL}\s+{AUX}(?:works|worked|teaches|taught|lectures|lectured)\s+"
         rf"(?:for|at|with)\s+⟦\d+[{ORG}]\*?⟧[^⟦⟧.;]{{0,40}}?\s+and\s+{ADVERBS}(?:has\s+)?"
         rf"(?:worked|taught|lectured)\s+(?:for|at|with)\s+{many('obj', ORG)}", 0.6, role="employee"),
    rule("on-the-faculty", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}(?:is|was|has\s+been|had\s+been|joined|joins|sat|sits"
         rf"|served)\s+"
         rf"{ADVERBS}(?:on\s+)?the\s+(?:faculty|faculties|teaching\s+staff|staff)\s+(?:of|at)\s+"
         rf"{many('obj', ORG)}", 0.65, role="employee"),
    rule("joined", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}{INTENT}(?:joined|joins|join|rejoined|rejoins|left"
         rf"|leaves|leave|"
         rf"quit|quits)\s+{one('obj', ORG)}(?!{POSS})(?:\s+from\s+{BY_WORDS}{one('prev', ORG)})?(?:\s+"
         rf"(?:in\s+[^⟦⟧,]{{1,20}}?\s+)?as\s+{_DET}{MOD}{ROLES})?",
         0.65, role="employee"),
    rule("leads", "position",
         rf"{one('subj', STRICT_PERSON)}{REL}\s+{AUX}(?:heads|headed|head|leads|led|lead|runs|ran|run|chairs|"
         rf"chaired|chair|helms|helmed|helm)\s+(?:the\s+)?{_ORG_WORDS}{one('obj', ORG)}(?!{POSS})", 0.65,
         role="head"),
    rule("replaced-as", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}(?:replaced|replaces|replace|replacing|succeeded|succeeds|"
         rf"succeed|"
         rf"succeeding)\s+{one('old', PERSON)}\s+as\s+{_DET}{MOD}{ROLES}\s+(?:of"
         rf"|at)\s+{one('obj', ORG)}", 0.8),
    rule("stepped-down-replaced-by", "position",
         rf"{one('old', PERSON)}\s+{AUX}(?:stepped\s+down|resigned|retired|quit|left)\s+as\s+{_DET}{MOD}"
         rf"{ROLES}\s+(?:of|at)\s+{one('obj', ORG)}[^⟦⟧.;]{{0,40}}?\s+and\s+"
         rf"(?:was|has\s+been|will\s+be|is\s+to\s+be)"
         rf"\s+(?:replaced|succeeded)\s+by\s+{BY_WORDS}{one('subj', PERSON)}", 0.75, status="current"),
    rule("title-took-over-from", "position",
         rf"{one('obj', ORG)}(?:{POSS})?\s+(?:{_NOT_VERB}[a-z][\w-]*\s+){{0,2}}?{MOD}{ROLES}\s*,?\s+"
         rf"{one('subj', STRICT_PERSON)}\s*,\s*who\s+(?:took\s+over\s+from|succeeded|replaced)\s+"
         rf"{one('old', PERSON)}", 0.75, status="current"),
    rule("deputy-under", "position",
         rf"(?:deputy|vice|assistant)[\s-]+(?P<role>{ROLE_WORD})\s+(?:of|at)\s+{one('obj', ORG)}\s+under\s+"
         rf"{one('subj', STRICT_PERSON)}", 0.6),
    rule("chosen-to-replace", "position",
         rf"{one('org', ORG)}{REL}\s+{AUX}{_APPOINT}\s+(?:[a-z][\w-]*\s+){{0,3}}?{one('subj', PERSON)}"
         rf"\s+to\s+(?:replace|succeed)\s+{one('old', PERSON)}\s+as\s+{_DET}?{MOD}{ROLES}", 0.7),
    rule("on-the-board", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}(?:sits|sat|sit|served|serves|serve|was|is|joined|joins)\s+"
         rf"{ADVERBS}on\s+the\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:board|supervisory\s+board)(?:\s+of\s+directors)?"
         rf"\s+(?:of|at)\s+{many('obj', ORG)}", 0.7, role="board member"),
    rule("on-the-team", "position",
         rf"{one('subj', PERSON)}{REL}\s+{AUX}(?:sits|sat|served|serves|was|is|joined|joins)\s+"
         rf"{ADVERBS}on\s+the\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:team|committee)\s+(?:of|at)\s+"
         rf"{many('obj', ORG)}",
         0.6, role="employee"),
    rule("role-in-brackets", "position",
         rf"{one('subj', PERSON)}\s*\(\s*{_DET}{MOD}{ROLES}\s+(?:of|at)\s+{one('obj', ORG)}\s*\)", 0.8),
]

REPORTING_RULES = [
    rule("reports-to", "reporting",
         rf"{one('subj', PERSON)}{_ASIDE}{REL}\s+{AUX}{INTENT}(?:reports|reported|report|reporting|answers|"
         rf"answered|answer)\s+(?:directly\s+)?to\s+"
         rf"(?:(?:⟦\d+[{ORG}]\*?⟧{POSS}?|the|its|his|her|their)\s+)?(?:[A-Za-z][\w-]*\s+){{0,4}}?"
         rf"(?:[A-Za-z][\w-]*\s*,\s*)?{one('obj', PERSON)}",
         0.85, role=REPORTS_TO),
    rule("reporting-to-tail", "reporting",
         rf"{one('subj', STRICT_PERSON)}(?:(?!⟦\d+[pq])[^.;]){{0,150}}?(?:,\s*(?:and\s+)?|\s+and\s+)"
         rf"(?:who\s+will\s+|will\s+)?"
         rf"(?:report|reports|reporting)\s+(?:directly\s+)?to\s+{one('obj', PERSON)}", 0.7,
         role=REPORTS_TO),
]

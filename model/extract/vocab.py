"""The words the extractor knows: titles, company suffixes, kind cues, places and status words.

Every word list the reader uses lives here, so a missing word is added in one place.
"""

from __future__ import annotations

# Words after a company's name that do not change which company it is ("Xiaomi Corp" is Xiaomi):
# the one list, kept with the rule that compares names.
from model.namekey import COMPANY_SUFFIXES

# A word in a name that tells its kind. Checked word by word, the last cue wins ("Bank of X Group").
BANK_WORDS = frozenset("bank banks bancorp banco banque bankshares".split())
AUTHORITY_WORDS = frozenset(
    """authority authorities commission ministry regulator regulators regulatory agency administration
    bureau government parliament congress senate court tribunal police reserve directorate inspectorate
    ombudsman""".split()
)
OUTLET_WORDS = frozenset(
    """news times post journal daily herald tribune gazette press magazine radio tv television
    broadcasting weekly chronicle telegraph guardian observer reuters bloomberg""".split()
)
COMPANY_WORDS = frozenset(
    """technologies technology tech capital partners ventures investments investment industries motors
    airlines airways pharmaceuticals pharma energy electric electronics systems networks communications
    telecom entertainment studios games software labs financial finance fintech insurance securities
    fund trust enterprises solutions services interactive music records publishing brands foods retail
    stores resources mining oil petroleum gas chemicals automotive logistics shipping properties realty
    hotels resorts media semiconductor semiconductors""".split()
) | COMPANY_SUFFIXES
OTHER_ORG_WORDS = frozenset(
    """university college school institute foundation association society club party union army navy
    force command council committee academy hospital church museum league federation""".split()
)

# Nouns that, before a name ("news outlet Caixin") or after "the" ("the lender"), give a kind.
DESCRIPTOR_KINDS = {
    "bank": "bank", "lender": "bank", "banks": "bank",
    "regulator": "authority", "watchdog": "authority", "authority": "authority", "agency": "authority",
    "ministry": "authority", "government": "authority", "regulators": "authority",
    "outlet": "outlet", "newspaper": "outlet", "platform": "outlet", "magazine": "outlet",
    "broadcaster": "outlet", "station": "outlet", "channel": "outlet",
    "website": "outlet", "portal": "outlet", "app": "outlet", "daily": "outlet",
    "company": "company", "firm": "company", "group": "company", "maker": "company", "giant": "company",
    "startup": "company", "start-up": "company", "conglomerate": "company", "developer": "company",
    "publisher": "company", "operator": "company", "provider": "company", "retailer": "company",
    "manufacturer": "company", "insurer": "company", "investor": "company", "fund": "company",
    "chipmaker": "company", "carmaker": "company", "automaker": "company", "brand": "company",
    "rival": "company", "studio": "company", "carrier": "company", "airline": "company",
    "utility": "company", "refiner": "company", "supplier": "company", "distributor": "company",
    "chain": "company", "club": "company", "network": "company", "business": "company",
    "lab": "company", "brokerage": "company", "miner": "company", "explorer": "company",
    "unit": "business_unit", "subsidiary": "business_unit", "division": "business_unit",
    "arm": "business_unit", "branch": "business_unit", "affiliate": "business_unit",
}
# What a sentence says a name is ("Hovkapellet is a Swedish orchestra", "Lam is an American
# businessman"), beyond the descriptors above: the kind it gives.
COPULA_KINDS = {
    **{noun: "person" for noun in """businessman businesswoman businessperson entrepreneur politician actor
        actress screenwriter writer author novelist journalist banker singer musician footballer cricketer
        athlete lawyer diplomat philanthropist billionaire activist""".split()},
    **{noun: "other" for noun in """orchestra choir ensemble organisation organization charity nonprofit
        non-profit university school college hospital museum team""".split()},
}

# Nouns naming a part of a company: "its fintech branch" is a unit the company owns.
UNIT_NOUNS = ("subsidiary", "unit", "division", "arm", "affiliate", "branch")

# Titles of positions, longest first so "vice president" wins over "president".
ROLE_WORDS = sorted(
    """chief executive officer|chief executive|chief financial officer|chief operating officer|
    chief technology officer|chief information officer|chief marketing officer|chief investment officer|
    chief risk officer|chief strategy officer|chief scientist|chief economist|chief editor|
    executive vice president|senior vice president|vice president|vice-president|vice chairman|
    vice-chairman|vice chairwoman|deputy chairman|executive chairman|non-executive chairman|
    chairman|chairwoman|chairperson|chair|president|ceo|cfo|coo|cto|cio|cmo|co-founder|cofounder|
    co - founder|founder|founding partner|managing partner|general partner|partner|managing director|
    executive director|non-executive director|independent director|board member|director|
    general manager|country manager|manager|head|executive|top executive|senior executive|
    editor-in-chief|editor - in - chief|editor|publisher|columnist|correspondent|reporter|journalist|
    presenter|producer|anchor|analyst|economist|engineer|scientist|researcher|professor|lecturer|
    dean|principal|secretary-general|secretary general|general secretary|secretary|treasurer|
    governor|deputy governor|commissioner|commander|chancellor|leader|spokesman|spokeswoman|
    spokesperson|employee|adviser|advisor|consultant|coach|trustee|owner|co-owner|co - owner|
    banker|lawyer|official|trader|curator|chief|judge|teacher|faculty member|academician""".replace(
        "\n", ""
    ).split("|"),
    key=len,
    reverse=True,
)
ROLE_WORDS = [role.strip() for role in ROLE_WORDS if role.strip()]
# Capitalised words that start a title rather than a name ("Chairman Lei Jun", "Vice Admiral X").
TITLE_TOKENS = frozenset(
    """chief executive officer chairman chairwoman chairperson chair president vice ceo cfo coo cto cio
    founder co-founder cofounder director manager partner head editor secretary minister governor
    commissioner deputy treasurer mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame admiral rear
    lieutenant colonel captain commander sergeant senator judge justice premier mayor spokesman
    spokeswoman columnist analyst professor prime attorney managing acting interim senior associate
    assistant""".split()
)

# Capitalised words at the start of a sentence that are ordinary words, not names.
COMMON_CAPITALISED = frozenset(
    """a an the this that these those it its he his she her they their we our you your i my there here
    in on at for with by from of to as into onto under over after before since during until while when
    where why what who whom which how if but and or so yet then now also however meanwhile moreover
    furthermore additionally separately overall still though although unlike like despite amid among
    according founded established based headquartered owned backed formerly previously currently
    earlier later last next today yesterday tomorrow both each every other some many most all several
    few no not one two three shares analysts sources note details context update read see related
    photo image source asked speaking following including only even just more less about around
    once its instead indeed thus hence because whether between within without across along through
    toward towards upon against beyond besides such same""".split()
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Places are not entities: a name wholly in this list, or marked as a place by its context.
_PLACE_TEXT = """china|beijing|shanghai|shenzhen|guangzhou|hong kong|macau|macao|taiwan|taipei|chongqing|
sichuan|chengdu|hangzhou|zhejiang|guangdong|zhuhai|jiangsu|nanjing|wuhan|tianjin|fujian|shandong|hubei|
hunan|henan|hebei|anhui|jiangxi|yunnan|guangxi|hainan|singapore|japan|tokyo|osaka|korea|seoul|
south korea|north korea|india|mumbai|delhi|new delhi|bangalore|bengaluru|indonesia|jakarta|malaysia|
kuala lumpur|thailand|bangkok|vietnam|hanoi|philippines|manila|australia|sydney|melbourne|new zealand|
united states|us|u.s.|usa|america|new york|california|san francisco|silicon valley|washington|texas|
boston|chicago|seattle|los angeles|canada|toronto|mexico|brazil|argentina|chile|united kingdom|uk|u.k.|
britain|great britain|england|london|scotland|wales|ireland|dublin|france|paris|germany|berlin|munich|
frankfurt|italy|rome|milan|spain|madrid|portugal|netherlands|amsterdam|belgium|brussels|switzerland|
zurich|geneva|austria|vienna|sweden|stockholm|norway|oslo|denmark|copenhagen|finland|helsinki|poland|
russia|moscow|ukraine|kyiv|turkey|istanbul|israel|iran|iraq|saudi arabia|dubai|abu dhabi|qatar|egypt|
nigeria|kenya|south africa|europe|asia|africa|latin america|middle east|bangladesh|dhaka|pakistan|
sri lanka|luxembourg|cayman islands|bermuda|british virgin islands|maryland|baltimore|the uk|the us"""
PLACES = frozenset(place.strip() for place in _PLACE_TEXT.replace("\n", "").split("|"))

# Adjectives of nationality: "Chinese regulators" is an authority named by its country.
DEMONYMS = frozenset(
    """chinese american british japanese korean south korean german french indian singaporean
    indonesian malaysian thai vietnamese australian canadian european swiss dutch italian spanish
    russian brazilian mexican irish swedish norwegian danish finnish polish turkish israeli saudi
    emirati nigerian kenyan taiwanese bangladeshi pakistani afghan iranian iraqi egyptian peruvian
    argentine chilean colombian filipino vietnamese portuguese greek austrian belgian flemish walloon
    english scottish welsh hungarian czech slovak romanian bulgarian serbian croatian ukrainian icelandic
    moroccan algerian tunisian ethiopian ghanaian zambian malagasy panamanian bolivian ecuadorian
    venezuelan cuban uruguayan paraguayan lebanese syrian jordanian nepalese mongolian peruvian
    us u.s. uk""".split()
)

# Status words. Each list is matched as whole words, case-insensitively.
DISSOLVED_WORDS = (
    "shut down", "shuts down", "shutting down", "dissolved", "dissolve", "dissolving", "wound up",
    "wind up", "winding up", "wind down", "wound down", "liquidated", "liquidate", "disbanded",
    "closed down", "break up", "broke up", "broken up", "defunct",
)
FORMER_WORDS = (
    "former", "formerly", "previously", "ex", "once", "used to", "until", "stepped down", "resigned",
    "retired", "departed", "quit", "left", "sold", "sells", "divested", "exited", "had been",
    "replaced", "earlier served",
)
PLANNED_WORDS = (
    "will", "shall", "plans to", "planning to", "planned to", "plan to", "intends to", "intend to",
    "agreed to", "agrees to", "is set to", "are set to", "is expected to", "expects to", "is to",
    "is due to", "aims to", "has yet to", "have yet to", "has yet", "yet to", "is seeking to",
    "seeks to", "in talks to", "offered to", "proposed", "pending", "green light", "approval to",
    "to set up", "to establish", "would", "applied for", "applies for", "apply for", "applying for",
)

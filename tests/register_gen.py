"""A made-up national register to measure the register store on: BODS 0.4 JSON Lines of any size.

    python tests/register_gen.py --statements 1000000 --seed 1 -o register.jsonl.gz

The same seed gives the same file. It has a register's shape: most companies have one to three
owners (people, other companies, or an owner the register says is unknown), a few groups hold
thousands of subsidiaries (at a million statements one holds at least 2,000), chains of holding
companies run up to ten deep, some people sit on the boards of hundreds of companies, some
companies hold each other in a circle, and later statements update a record (a new share band, a
new name) or close it (a stake given up, a company dissolved). Shares come in the UK's bands
(more than 25% up to 50%, more than 50% below 75%, 75% or more) and now and then exactly.
Companies carry GB-COH numbers and some an LEI. Records only refer to records written before them,
and memory stays the same whatever the size: what a later statement needs is drawn from counters
and a few bounded pools.

>>> import io
>>> summary = write_register(io.StringIO(), 400, seed=3)
>>> summary.statements, summary.entities > 50, summary.relationships > 100, len(summary.hubs) >= 1
(400, True, True, True)
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import random
import sys
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import IO

START = datetime.date(2016, 4, 6)  # the UK's PSC register opened
SPAN_DAYS = 3100
BANDS = ({"exclusiveMinimum": 25, "maximum": 50}, {"exclusiveMinimum": 50, "exclusiveMaximum": 75},
         {"minimum": 75, "maximum": 100})
PUBLICATION = {"publicationDate": "2025-01-06", "bodsVersion": "0.4",
               "license": "https://creativecommons.org/publicdomain/zero/1.0/",
               "publisher": {"name": "Stakemap test register (made up)"}}
SOURCE = {"type": ["officialRegister"], "description": "A made-up register of companies, seeded"}
GB = {"name": "United Kingdom", "code": "GB"}

FIRST = ("Sarah James Emma Oliver Amelia Harry Olivia George Isla Jack Ava Noah Mia Leo Grace Arthur Lily "
         "Oscar Freya Charlie Ella Henry Ruby Thomas Chloe William Sophie Daniel Zoë José Anaïs Søren Aoife "
         "Priya Mohammed Fatima Wei Chen Yusuf Ana Lucía Björn Élodie Matthäus Agnieszka Tomás").split()
LAST = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans "
        "Walker White Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill "
        "Ward Hughes Moore Clark King Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker "
        "Müller Núñez Østergaard O'Brien Nowak Kowalski Chowdhury Nguyen Okafor Fernández Lefèvre").split()
WORDS = ("Acorn Albion Anchor Apex Arden Ashford Aspen Atlas Aurora Avon Beacon Birch Blackwater Bramble "
         "Bridge Brook Cadence Caledon Canal Castle Cedar Chalk Clarion Cobalt Copper Crown Dale Delta "
         "Derwent Eden Elm Ember Falcon Fenwick Fern Fleet Forge Fox Galleon Garnet Glen Granite Greenfield "
         "Harbour Hart Hazel Heron Highland Holly Horizon Iron Ivy Juniper Kestrel Keystone Lark Laurel "
         "Linden Lion Maple Marble Meadow Mercia Merlin Mill Minster Moor Norfolk Northgate Oak Orchard "
         "Osprey Oxbow Pennine Pine Quarry Quay Raven Redwood Ridge River Rowan Saxon Severn Silver Slate "
         "Solent Sparrow Spire Stag Stone Summit Swan Tamar Thistle Thorn Tide Tower Trent Tudor Vale "
         "Vantage Weald Wessex Willow Windmill Wren Yew").split()
TRADES = ("Analytics Bakeries Brewing Builders Capital Care Catering Clinics Construction Consulting Dairy "
          "Design Developments Digital Energy Engineering Estates Farms Finance Foods Freight Garages "
          "Haulage Holdings Homes Hospitality Imports Interiors Investments Joinery Labs Leisure Lettings "
          "Logistics Marine Media Medical Motors Packaging Partners Pharmacy Plumbing Printing Properties "
          "Recruitment Renewables Retail Roofing Security Shipping Software Solar Studios Systems "
          "Technologies Textiles Trading Travel Ventures Waste Wholesale").split()
ACCENTED = "Société Générale Énergie Crédit Hôtellerie Bâtiment Négoce Côte Forêt Château".split()
SUFFIXES = ("LIMITED", "LTD", "LIMITED", "LLP", "PLC", "HOLDINGS LIMITED", "GROUP LTD")
NATIONS = (("British", "GB"), ("Irish", "IE"), ("French", "FR"), ("German", "DE"), ("Indian", "IN"),
           ("Polish", "PL"), ("Chinese", "CN"), ("American", "US"))
PENDING_MAX = 5000
POOL_MAX = 2000
KEPT = 50  # chain ends and cycles the summary lists


@dataclass
class Summary:
    """What a generated register holds: counts, and records a benchmark or test can start from."""

    statements: int = 0
    entities: int = 0
    persons: int = 0
    relationships: int = 0
    updated: int = 0
    closed: int = 0
    hubs: dict[str, int] = field(default_factory=dict)  # hub record id -> direct subsidiaries
    chain_ends: list[str] = field(default_factory=list)  # the bottom company of a ten-deep chain
    cycles: list[list[str]] = field(default_factory=list)  # companies that hold each other in a circle


class Register:
    """The statements of a made-up register, one at a time; ``summary`` fills in as they are drawn."""

    def __init__(self, statements: int, seed: int = 1) -> None:
        self.total = statements
        self.rng = random.Random(seed)
        self.summary = Summary()
        self.companies = 0
        self.persons = 0
        self.links = 0
        self.hub_ids: list[str] = []
        self.pool: list[str] = []  # people who sit on many boards
        self.pending: list[dict] = []  # records a later statement will update or close

    # --- drawing ----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[dict]:
        units = self._units()
        while self.summary.statements < self.total:
            for statement in next(units):
                yield statement
                self.summary.statements += 1
                if self.summary.statements >= self.total:
                    return

    def _units(self) -> Iterator[list[dict]]:
        hubs = max(1, round(self.total / 250_000))
        for _ in range(hubs):
            yield self._hub()
        while True:
            roll = self.rng.random()
            if roll < 0.10 and self.pending:
                yield self._later()
            elif roll < 0.115:
                yield self._chain(10 if self.rng.random() < 0.25 else self.rng.randint(3, 9))
            elif roll < 0.12:
                yield self._cycle(self.rng.choice((2, 2, 3)))
            else:
                yield self._company_unit()

    def today(self) -> str:
        done = min(self.summary.statements / max(self.total, 1), 1.0)
        return (START + datetime.timedelta(days=int(done * SPAN_DAYS))).isoformat()

    # --- units ------------------------------------------------------------------------------
    def _hub(self) -> list[dict]:
        person = self._person()
        holding = self._company(lei=True, name=f"{self.rng.choice(WORDS)} Group Holdings PLC")
        hub = self._company(lei=True, name=f"{holding['recordDetails']['name'].split()[0]} Group Limited")
        self.hub_ids.append(hub["recordId"])
        self.summary.hubs[hub["recordId"]] = 0
        return [person, holding, hub, self._link(holding, person, BANDS[2]),
                self._link(hub, holding, {"exact": 100})]

    def _company_unit(self) -> list[dict]:
        company = self._company()
        out = [company]
        if self.rng.random() < 0.04:
            weights = [2] + [1] * (len(self.hub_ids) - 1)
            hub = self.rng.choices(self.hub_ids, weights)[0]
            self.summary.hubs[hub] += 1
            out.append(self._link(company, hub, {"exact": 100}))
        else:
            owners = self.rng.choices((1, 2, 3), (60, 28, 12))[0]
            for share in self._shares(owners):
                out += self._owner(company, share)
        if self.rng.random() < 0.15:
            director = self._prolific()
            if isinstance(director, dict):
                out.append(director)
                director = director["recordId"]
            role = "boardMember" if self.rng.random() < 0.8 else "seniorManagingOfficial"
            out.append(self._link(company, director, None, role=role))
        return out

    def _owner(self, company: dict, share: dict) -> list[dict]:
        roll = self.rng.random()
        if roll < 0.05:
            reason = {"reason": "noBeneficialOwners",
                      "description": "The company knows or has reasonable cause to believe that there is no "
                                     "registrable person"}
            return [self._link(company, reason, None, role="unknownInterest")]
        if roll < 0.30 and self.companies > 1:
            number = self.rng.randrange(1, self.companies)  # an earlier company
            return [self._link(company, _company_id(number), share)]
        if roll < 0.38 and self.pool:
            return [self._link(company, self._prolific(), share)]
        person = self._person()
        return [person, self._link(company, person, share)]

    def _chain(self, depth: int) -> list[dict]:
        person = self._person()
        companies = [self._company() for _ in range(depth)]
        links = [self._link(companies[0], person, BANDS[2])]
        links += [self._link(below, above, {"exact": 100} if self.rng.random() < 0.6 else BANDS[2])
                  for above, below in zip(companies, companies[1:], strict=False)]
        if depth == 10 and len(self.summary.chain_ends) < KEPT:
            self.summary.chain_ends.append(companies[-1]["recordId"])
        return [person, *companies, *links]

    def _cycle(self, size: int) -> list[dict]:
        person = self._person()
        companies = [self._company() for _ in range(size)]
        links = [self._link(companies[0], person, BANDS[1])]
        links += [self._link(held, holder, BANDS[0])
                  for held, holder in zip(companies, companies[1:] + companies[:1], strict=True)]
        if len(self.summary.cycles) < KEPT:
            self.summary.cycles.append([c["recordId"] for c in companies])
        return [person, *companies, *links]

    def _later(self) -> list[dict]:
        """A later statement of a pending record: updated, or closed."""
        index = self.rng.randrange(len(self.pending))
        record = self.pending[index]
        self.pending[index] = self.pending[-1]
        self.pending.pop()
        day = max(self.today(), _next_day(record["statementDate"]))
        details = json.loads(json.dumps(record["recordDetails"]))
        closing = self.rng.random() < 0.35
        if record["recordType"] == "entity":
            if closing:
                details["dissolutionDate"] = day
            else:
                details["alternateNames"] = [details["name"]]
                details["name"] = _company_name(self.rng)
        else:
            band = self.rng.choice(BANDS)
            for interest in details["interests"]:
                if closing:
                    interest["endDate"] = day
                elif "share" in interest:
                    interest["share"] = dict(band)
        statement = self._statement(record["recordId"], record["recordType"], record["declarationSubject"],
                                    details, status="closed" if closing else "updated", day=day)
        if closing:
            self.summary.closed += 1
        else:
            self.summary.updated += 1
            if self.rng.random() < 0.3:
                self._remember(statement)
        return [statement]

    # --- records ----------------------------------------------------------------------------
    def _company(self, lei: bool = False, name: str = "") -> dict:
        self.companies += 1
        number = _company_number(self.companies)
        identifiers = [{"id": number, "scheme": "GB-COH", "schemeName": "Companies House"}]
        if lei or self.rng.random() < 0.03:
            identifiers.append({"id": _lei(self.rng), "scheme": "XI-LEI",
                                "schemeName": "Global Legal Entity Identifier Index"})
        details = {"isComponent": False, "entityType": {"type": "registeredEntity"},
                   "name": name or _company_name(self.rng), "jurisdiction": GB, "identifiers": identifiers,
                   "foundingDate": _earlier(self.today(), self.rng.randint(0, 3000))}
        statement = self._statement(_company_id(self.companies), "entity", None, details)
        self.summary.entities += 1
        if self.rng.random() < 0.03:
            self._remember(statement)
        return statement

    def _person(self) -> dict:
        self.persons += 1
        given = self.rng.choice(FIRST)
        family = self.rng.choice(LAST)
        middle = f" {self.rng.choice(FIRST)}" if self.rng.random() < 0.4 else ""
        nation, code = self.rng.choice(NATIONS)
        details = {"isComponent": False, "personType": "knownPerson",
                   "names": [{"type": "legal", "fullName": f"{given}{middle} {family}",
                              "givenName": given, "familyName": family}],
                   "nationalities": [{"name": nation, "code": code}],
                   "birthDate": f"{self.rng.randint(1940, 2000)}-{self.rng.randint(1, 12):02d}"}
        statement = self._statement(f"gb-person-{self.persons:08d}", "person", None, details)
        self.summary.persons += 1
        if self.rng.random() < 0.02:
            if len(self.pool) < POOL_MAX:
                self.pool.append(statement["recordId"])
            else:
                self.pool[self.rng.randrange(POOL_MAX)] = statement["recordId"]
        return statement

    def _prolific(self) -> str | dict:
        """Someone from the pool of people on many boards, the first ones most often; or a new person."""
        if not self.pool:
            return self._person()
        return self.pool[int(len(self.pool) * self.rng.random() ** 3)]

    def _link(self, subject: dict, party: str | dict, share: dict | None, role: str = "") -> dict:
        self.links += 1
        party_id = party["recordId"] if isinstance(party, dict) and "recordId" in party else party
        person = isinstance(party_id, str) and party_id.startswith("gb-person-")
        start = _earlier(self.today(), self.rng.randint(0, 400))
        interests = []
        if role:
            interests.append({"type": role, "directOrIndirect": "direct",
                              "beneficialOwnershipOrControl": False, "startDate": start})
        else:
            interests.append({"type": "shareholding", "directOrIndirect": "direct",
                              "beneficialOwnershipOrControl": person, "share": dict(share),
                              "startDate": start})
            if self.rng.random() < 0.5:
                interests.append({**interests[0], "type": "votingRights"})
            if person and self.rng.random() < 0.2:
                interests.append({"type": "appointmentOfBoard", "directOrIndirect": "direct",
                                  "beneficialOwnershipOrControl": True, "startDate": start})
        details = {"isComponent": False, "subject": subject["recordId"], "interestedParty": party_id,
                   "interests": interests}
        statement = self._statement(f"gb-rel-{self.links:08d}", "relationship", subject["recordId"], details)
        self.summary.relationships += 1
        if self.rng.random() < 0.06:
            self._remember(statement)
        return statement

    def _shares(self, owners: int) -> list[dict]:
        if self.rng.random() < 0.1:  # exact shares, summing to at most 100
            cuts = sorted(self.rng.uniform(0, 100) for _ in range(owners - 1))
            edges = [0.0, *cuts, 100.0]
            return [{"exact": round(b - a, 2) or 0.01} for a, b in zip(edges, edges[1:], strict=False)]
        if owners == 1:
            return [self.rng.choices(BANDS, (1, 2, 7))[0]]
        if owners == 2:
            return self.rng.choice(([BANDS[1], BANDS[0]], [BANDS[0], BANDS[0]], [BANDS[2], BANDS[0]]))
        return [BANDS[0], BANDS[0], BANDS[0]]

    def _statement(self, record_id: str, kind: str, subject: str | None, details: dict,
                   status: str = "new", day: str = "") -> dict:
        return statement(record_id, kind, details, day or self.today(), subject=subject, status=status,
                         statement_id=str(uuid.UUID(int=self.rng.getrandbits(128), version=4)))

    def _remember(self, statement: dict) -> None:
        if len(self.pending) < PENDING_MAX:
            self.pending.append(statement)


# --- statements one at a time (the tests write small registers with these) -------------------------
def statement(record_id: str, kind: str, details: dict, day: str, subject: str | None = None,
              status: str = "new", statement_id: str = "") -> dict:
    """A BODS 0.4 statement of a record; its id made from the record, status and day unless given."""
    return {"statementId": statement_id or f"{record_id}-{status}-{day}".ljust(32, "0"),
            "declarationSubject": subject or record_id, "statementDate": day, "recordId": record_id,
            "recordType": kind, "recordStatus": status, "recordDetails": details,
            "publicationDetails": PUBLICATION, "source": SOURCE}


def entity(record_id: str, name: str, day: str = "2020-01-01", identifiers: tuple[tuple[str, str], ...] = (),
           status: str = "new", **more) -> dict:
    """A company's statement; ``identifiers`` are (scheme, id) pairs."""
    details = {"isComponent": False, "entityType": {"type": "registeredEntity"}, "name": name,
               "jurisdiction": GB, **more,
               "identifiers": [{"scheme": scheme, "id": value} for scheme, value in identifiers]}
    return statement(record_id, "entity", details, day, status=status)


def person(record_id: str, name: str, day: str = "2020-01-01", status: str = "new") -> dict:
    """A person's statement."""
    details = {"isComponent": False, "personType": "knownPerson",
               "names": [{"type": "legal", "fullName": name}]}
    return statement(record_id, "person", details, day, status=status)


def relationship(record_id: str, subject: str, party: str | dict, share: dict | None = None,
                 day: str = "2020-01-01", status: str = "new", role: str = "", start: str = "",
                 end: str = "") -> dict:
    """``party`` holds ``share`` (a BODS share object) of ``subject``, or has the interest ``role``."""
    interest: dict = {"type": role or "shareholding", "directOrIndirect": "direct",
                      "beneficialOwnershipOrControl": False}
    if share is not None:
        interest["share"] = share
    interest.update({key: value for key, value in (("startDate", start), ("endDate", end)) if value})
    details = {"isComponent": False, "subject": subject, "interestedParty": party, "interests": [interest]}
    return statement(record_id, "relationship", details, day, subject=subject, status=status)


# --- names and numbers -----------------------------------------------------------------------------
def _company_id(number: int) -> str:
    return f"gb-coh-{_company_number(number)}"


def _company_number(number: int) -> str:
    """A Companies House number: eight digits, or two letters and six (Scotland, partnerships)."""
    prefix = ("", "", "", "", "", "", "SC", "OC", "", "NI")[number % 10]
    return f"{prefix}{number:0{8 - len(prefix)}d}"


def _company_name(rng: random.Random) -> str:
    if rng.random() < 0.01:
        return f"{rng.choice(ACCENTED)} {rng.choice(WORDS)} {rng.choice(ACCENTED)} SAS"
    middle = f" {rng.choice(WORDS)}" if rng.random() < 0.5 else ""
    return f"{rng.choice(WORDS)}{middle} {rng.choice(TRADES)} {rng.choice(SUFFIXES)}".upper()


def _lei(rng: random.Random) -> str:
    """A Legal Entity Identifier with valid check digits (ISO 17442, ISO 7064 mod 97-10)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    body = "".join(rng.choice(alphabet) for _ in range(18))
    number = int("".join(str(int(c, 36)) for c in body + "00"))
    return f"{body}{98 - number % 97:02d}"


def _earlier(day: str, days: int) -> str:
    return (datetime.date.fromisoformat(day) - datetime.timedelta(days=days)).isoformat()


def _next_day(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


# --- writing ------------------------------------------------------------------------------------------
def write_register(out: str | IO[str], statements: int, seed: int = 1) -> Summary:
    """Write ``statements`` statements as JSON Lines to a path (gzip when it ends in .gz) or a text stream."""
    register = Register(statements, seed)
    if not isinstance(out, str):
        _write(out, register)
        return register.summary
    opened = gzip.open(out, "wt", encoding="utf-8", compresslevel=5) if out.endswith(".gz") else \
        open(out, "w", encoding="utf-8")
    with opened as stream:
        _write(stream, register)
    return register.summary


def _write(stream: IO[str], register: Register) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = []
    for statement in register:
        lines.append(dumps(statement))
        if len(lines) >= 1000:
            stream.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        stream.write("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000, help="how many statements (100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="FILE.jsonl or FILE.jsonl.gz")
    parser.add_argument("--summary", help="also write the summary as JSON to this file")
    args = parser.parse_args(argv)
    if args.statements < 1:
        parser.error("--statements must be 1 or more")
    summary = write_register(args.output, args.statements, args.seed)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as stream:
            json.dump(asdict(summary), stream, indent=1)
    biggest = max(summary.hubs.values(), default=0)
    print(f"{args.output}: {summary.statements:,} statements: {summary.entities:,} companies, "
          f"{summary.persons:,} people, {summary.relationships:,} relationships, {summary.updated:,} "
          f"updated and {summary.closed:,} closed later; {len(summary.hubs)} groups, the biggest with "
          f"{biggest:,} subsidiaries")
    return 0


if __name__ == "__main__":
    sys.exit(main())

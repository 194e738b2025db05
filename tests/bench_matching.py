"""Benchmark of adding a source to a project: run ``python tests/bench_matching.py [--entities N]``.

Builds a project of N companies and people (default 10,000) with ownership lines, and an incoming
register extract of N entities of which: a quarter share an identifier with a project entity (their
names spelt otherwise), a quarter share only a name once case, accents, punctuation and company
suffixes are set aside ('ACME HOLDINGS LTD.' and 'Acme Holdings'), a tenth are a project name with a
word added ('Acme Holdings Europe': possibly the same), the rest new; a third of the incoming lines
repeat a project line, half of those with another share; the entities matched by identifier add an
identifier and half of them name another jurisdiction (attribute claims side by side). It prints the
time to compute the preview (:func:`model.matching.preview`) and to apply it
(:func:`model.matching.apply`), median and worst of three runs, and the preview's counts. Not a pytest test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.document import Document  # noqa: E402
from model.matching import apply, preview  # noqa: E402
from model.types import Attribute, Citation, Entity, Relationship, Share, Source  # noqa: E402

WORDS = ("north sea river stone iron gold lake hill park bay rock oak pine field glen brook cliff moor dale "
         "ridge vale ash elm birch cedar maple willow lark finch heron swift").split()
SUFFIXES = ("Holdings", "Ltd", "Group", "Corporation", "plc", "GmbH", "S.A.")


def _name(rng: random.Random, n: int) -> str:
    return f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {n} {rng.choice(SUFFIXES)}"


def build(count: int, seed: int = 3) -> tuple[Document, Document]:
    rng = random.Random(seed)
    project, incoming = Document("project"), Document("register")
    project.add_source(Source("story", "A story", date="2024-01-01", text="x" * 100))
    incoming.add_source(Source("register", "A register", kind="register", text="y" * 100))
    names = []
    for n in range(count):
        name = _name(rng, n)
        names.append(name)
        person = n % 10 == 0
        project.add_entity(Entity(f"p{n}", f"Person {n} {rng.choice(WORDS).title()}" if person else name,
                                  "person" if person else "company",
                                  attributes={"identifiers": Attribute(f"GB-COH {n:08d}"),
                                              "jurisdiction": Attribute("United Kingdom", citations=(
                                                  Citation("story", 0, 5, "xxxxx"),))}))
    for n in range(1, count):
        project.add_relationship(Relationship(f"pr{n}", "ownership", f"p{rng.randrange(n)}", f"p{n}",
                                              Share.exact(rng.choice([10, 25, 51, 100])),
                                              citations=(Citation("story", 0, 5, "xxxxx"),)))
    for n in range(count):
        kind = n % 20
        if kind < 5:  # the same identifier, another spelling
            place = "Ireland" if n % 2 else "United Kingdom"  # half disagree with the project
            said = (Citation("register", 0, 5, "yyyyy"),)
            entity = Entity(f"i{n}", f"Renamed {n} Trading", citations=said,
                            attributes={"identifiers": Attribute(f"GB-COH {n:08d} ; LEI {n:020d}"),
                                        "jurisdiction": Attribute(place)})
        elif kind < 10 and n % 10:  # the same name, written as a register writes it
            entity = Entity(f"i{n}", names[n].upper().replace(" LTD", " LIMITED") + ".")
        elif kind < 12 and n % 10:  # a word added: possibly the same
            entity = Entity(f"i{n}", names[n].rsplit(" ", 1)[0] + " Europe")
        else:
            entity = Entity(f"i{n}", f"Newco {n} {rng.choice(WORDS).title()} Limited")
        incoming.add_entity(entity)
    for n in range(1, count):
        same = n % 3 == 0
        owner = rng.randrange(n) if not same else None
        rel = project.relationship(f"pr{n}") if same else None
        share = (rel.share if n % 2 else Share.exact(rng.choice([5, 30, 75]))) if same else Share.exact(20)
        subject = rel.subject.replace("p", "i", 1) if same else f"i{owner}"
        incoming.add_relationship(Relationship(f"ir{n}", "ownership", subject, f"i{n}", share,
                                               citations=(Citation("register", 0, 5, "yyyyy"),)))
    return project, incoming


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    previews, applies = [], []
    for _ in range(args.runs):
        project, incoming = build(args.entities)
        start = time.perf_counter()
        found = preview(project, incoming)
        previews.append(time.perf_counter() - start)
        start = time.perf_counter()
        apply(project, incoming, found)
        applies.append(time.perf_counter() - start)
    print(f"{args.entities:,} incoming entities against a {args.entities:,}-entity project:")
    print(f"  preview: median {statistics.median(previews):.2f} s, worst {max(previews):.2f} s")
    print(f"  apply:   median {statistics.median(applies):.2f} s, worst {max(applies):.2f} s")
    print(f"  {len(found.matched):,} matched, {len(found.possible):,} possibly the same, "
          f"{len(found.new):,} new, {len(found.disagreements):,} disagreements")
    print(f"  project after: {len(project.entities()):,} entities, {len(project.relationships()):,} lines")


if __name__ == "__main__":
    main()

"""Benchmark of the command line on a big project: run ``.venv/bin/python tests/bench_big.py
[--entities 50000] [--keep DIR] [--only check,lookthrough]`` (not a pytest test).

Generates a seeded project of ``--entities`` entities and 1.2 times as many relationships: an
ownership forest of groups (a few people at the top of each, every company held by an earlier
member of its group, holders of an entity holding 100% of it or less), cross-holdings from nearby
groups, a few small cycles, shares as exact figures, ranges and undisclosed stakes, some former and
planned stakes; people's positions in and reporting lines within their own group; names of
realistic length (some with an alias); a fifth of the items cited from one source, the rest
carrying an analyst's note.

Then it runs each command as its own process, as a user would, and prints a table of wall time,
peak resident memory of that process and the size of what it wrote: ``check``,
``lookthrough --json``, and ``export`` to BODS, SVG and PNG. The peak memory comes from
``getrusage(RUSAGE_CHILDREN)`` in a small Python process that starts the command and does nothing
else, so the figure is the command's own and not this process's (a child counts the memory of
whoever started it until it runs its own program). ``lookthrough --json`` writes half its subjects
in a forked child on a big file: the figure is then the bigger of the two processes, and CPU
seconds are both together; their resident memory summed (shared pages counted twice) stays under
twice the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from model.document import Document  # noqa: E402
from model.formats import projectfile  # noqa: E402
from model.types import Citation, Entity, FuzzyDate, Relationship, Share, Source  # noqa: E402

CITIES = ("Shenzhen", "Beijing", "Shanghai", "Hangzhou", "Chengdu", "Chongqing", "Wuhan", "Tianjin",
          "Guangzhou", "Suzhou", "Nanjing", "Xiamen", "Zhuhai", "Qingdao", "Hong Kong", "Singapore",
          "Luxembourg", "Cayman", "Dublin", "Amsterdam")
WORDS = ("Qianhai", "Xinwang", "Huixin", "Tianhong", "Jinrong", "Zhongxin", "Anxin", "Yuanjing",
         "Hengtai", "Longteng", "Ruixiang", "Fuhua", "Kaiyuan", "Shengshi", "Boyuan", "Haitong",
         "Mingde", "Xinghe", "Dazhong", "Guotai", "Northern", "Pacific", "Silver", "Crescent",
         "Harbour", "Summit", "Meridian", "Lantern", "Evergreen", "Keystone")
TRADES = ("Technology", "Financial Services", "Investment", "Consumer Finance", "Asset Management",
          "Internet Micro-Lending", "Supply Chain Finance", "Information Technology", "Holdings",
          "Venture Capital", "Payment Services", "Insurance Brokerage")
SUFFIXES = ("Co., Ltd.", "Limited", "Holdings Ltd.", "Partnership (Limited Partnership)", "S.à r.l.",
            "Group Co., Ltd.")
SURNAMES = ("Zhao", "Qian", "Sun", "Li", "Zhou", "Wu", "Zheng", "Wang", "Feng", "Chen", "Chu", "Wei",
            "Jiang", "Shen", "Han", "Yang", "Zhu", "Qin", "You", "Xu", "He", "Lü", "Shi", "Zhang")
SYLLABLES = ("wei", "xing", "feng", "hong", "jun", "lei", "ming", "hua", "jian", "li", "na", "yan",
             "tao", "bin", "qiang", "ying", "hui", "jie", "ping", "yu", "zhi", "long", "kai", "rui")
ROLES = ("director", "chairman", "chief executive", "supervisor", "legal representative")


class _Project:
    """Builds the document; keeps every entity's disclosed holders at 100% or less of it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.doc = Document("Generated group structure for the big-file benchmark")
        self.room: dict[str, float] = {}
        self.pairs: set[tuple[str, str]] = set()
        self.text: list[str] = []
        self.length = 0
        self.count = 0

    def cite(self, sentence: str) -> tuple[tuple[Citation, ...], str]:
        """A fifth of the items quote a sentence of the source; the others carry a note."""
        if self.rng.random() >= 0.2:
            return (), "generated for the benchmark"
        start = self.length
        self.text.append(sentence + " ")
        self.length += len(sentence) + 1
        return (Citation("registry", start, start + len(sentence), sentence),), ""

    def entity(self, entity_id: str, kind: str) -> None:
        rng = self.rng
        if kind == "person":
            name = f"{rng.choice(SURNAMES)} {rng.choice(SYLLABLES).title()}{rng.choice(SYLLABLES)}"
            aliases = ()
        else:
            words = rng.sample(WORDS, 2)
            name = (f"{rng.choice(CITIES)} {words[0]} {words[1]} {rng.choice(TRADES)} "
                    f"{rng.choice(SUFFIXES)}")
            aliases = (f"{words[0]} {words[1]}",) if rng.random() < 0.1 else ()
        citations, note = self.cite(f"{name} is registered under number {entity_id.upper()}.")
        self.doc.add_entity(Entity(entity_id, name, kind, aliases, citations=citations, note=note))
        self.room[entity_id] = 100.0

    def stake(self, owner: str, owned: str, most: float = 100.0) -> bool:
        if owner == owned or (owner, owned) in self.pairs or self.room[owned] < 1:
            return False
        point = round(self.rng.uniform(1, min(most, self.room[owned])), 1)
        self.room[owned] -= point
        self.pairs.add((owner, owned))
        roll = self.rng.random()
        share = (Share() if roll < 0.06 else Share(round(point * 0.7, 1), round(point, 1))
                 if roll < 0.16 else Share.exact(point))
        status = {}
        if roll > 0.98:
            status = {"status": "former", "start": FuzzyDate("2012"), "end": FuzzyDate("2019-06")}
        elif roll > 0.97:
            status = {"status": "planned"}
        self.add(Relationship(f"o{self.count}", "ownership", owner, owned, share, **status),
                 f"{self.name(owner)} holds {share.text or 'an undisclosed stake'} in {self.name(owned)}.")
        return True

    def add(self, rel: Relationship, sentence: str) -> None:
        citations, note = self.cite(sentence)
        self.doc.add_relationship(Relationship(**{**rel.__dict__, "citations": citations, "note": note}))
        self.count += 1

    def name(self, entity_id: str) -> str:
        return self.doc.entity(entity_id).name


def big_project(entities: int, relationships: int, seed: int = 7) -> Document:
    """A document of ``entities`` entities and ``relationships`` relationships (see the top)."""
    rng = random.Random(seed)
    build = _Project(rng)
    groups: list[list[str]] = []
    made = 0
    while made < entities:
        size = min(rng.randint(10, 70), entities - made)
        people = min(size, max(1, round(size * rng.uniform(0.08, 0.2))))
        group = [f"e{made + k}" for k in range(size)]
        for position, entity_id in enumerate(group):
            build.entity(entity_id, "person" if position < people else rng.choice(
                ("company", "company", "company", "bank", "business_unit")))
            if position >= people:
                build.stake(group[rng.randrange(max(0, position - 8), position)], entity_id)
        groups.append(group)
        made += size
    companies = [(g, p) for g, group in enumerate(groups) for p, e in enumerate(group)
                 if build.doc.entity(e).kind != "person"]
    for _ in range(max(3, entities // 1000)):  # a company holding a little of its holder's holder
        g, p = rng.choice(companies)
        holders = [r.subject for r in build.doc.relationships_of(groups[g][p]) if r.object == groups[g][p]]
        if holders and build.doc.entity(holders[0]).kind != "person":
            build.stake(groups[g][p], holders[0], most=10)
    ownership = relationships * 5 // 6
    while build.count < ownership:
        g, p = rng.choice(companies)
        if rng.random() < 0.15:  # a cross-holding from a nearby earlier group
            build.stake(rng.choice(groups[max(0, g - rng.randint(1, 5))]), groups[g][p], most=25)
        else:
            build.stake(groups[g][rng.randrange(0, p)], groups[g][p])
    while build.count < relationships:
        g = rng.randrange(len(groups))
        people = [e for e in groups[g] if build.doc.entity(e).kind == "person"]
        others = [e for e in groups[g] if e not in people]
        person = rng.choice(people)
        if rng.random() < 0.2 and len(people) > 1:
            boss = rng.choice([e for e in people if e != person])
            build.add(Relationship(f"r{build.count}", "reporting", person, boss),
                      f"{build.name(person)} reports to {build.name(boss)}.")
        elif others:
            org, role = rng.choice(others), rng.choice(ROLES)
            build.add(Relationship(f"p{build.count}", "position", person, org, role=role),
                      f"{build.name(person)} serves as {role} of {build.name(org)}.")
    build.doc.add_source(Source("registry", "Company registry extract", "Generated registry",
                                "2024-01-31", "https://example.org/registry", "".join(build.text)))
    return build.doc


# Starts a command, waits, prints its exit code, peak RSS (kB) and CPU seconds as JSON; nothing else.
_MEASURE = """
import json, resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    code = subprocess.call(sys.argv[2:], stdout=out)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([code, used.ru_maxrss, used.ru_utime + used.ru_stime]))
"""


def measure(command: list[str], stdout: Path, timeout: float) -> tuple[int | str, float, float, int]:
    """Exit code (or 'timeout'), wall and CPU seconds and peak RSS in kB of one command's process
    (CPU time tells a slow command from a busy machine)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _MEASURE, str(stdout), *command], cwd=_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        report, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command too, not only the measuring process
        process.communicate()
        return "timeout", time.perf_counter() - started, 0.0, 0
    wall = time.perf_counter() - started
    code, peak, cpu = json.loads(report.strip().splitlines()[-1])
    for line in errors.strip().splitlines()[-3:]:
        print(f"    {line[:160]}")
    return code, wall, cpu, peak


def commands(project: Path, folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Name -> (arguments after ``stakemap``, the file the command writes; its output otherwise)."""
    return {
        "check": (["check", str(project)], folder / "check.out"),
        "lookthrough": (["lookthrough", str(project), "--json"], folder / "lookthrough.out"),
        "bods": (["export", str(project), "-o", str(folder / "out.bods.json")], folder / "out.bods.json"),
        "svg": (["export", str(project), "-o", str(folder / "out.svg")], folder / "out.svg"),
        "png": (["export", str(project), "-o", str(folder / "out.png")], folder / "out.png"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--keep", help="write the project and the outputs into this folder")
    parser.add_argument("--only", help="comma-separated: check,lookthrough,bods,svg,png")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per command")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="stakemap-big-"))
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / f"big-{args.entities}.stakemap.json"
    started = time.perf_counter()
    if not project.exists():
        projectfile.save(big_project(args.entities, args.entities * 6 // 5), project)
    print(f"{project} ({project.stat().st_size / 1e6:.1f} MB, made or found in "
          f"{time.perf_counter() - started:.1f} s)")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    chosen = args.only.split(",") if args.only else None
    rows = []
    for name, (arguments, output) in commands(project, folder).items():
        if chosen and name not in chosen:
            continue
        output.unlink(missing_ok=True)
        code, wall, cpu, peak = measure([sys.executable, "-m", "gui.cli", *arguments],
                                   folder / f"{name}.out", args.timeout)
        size = output.stat().st_size if output.exists() else 0
        rows.append((name, str(code), f"{wall:.1f}", f"{cpu:.1f}", f"{peak / 1024:.0f}", f"{size / 1e6:.1f}"))
        print(f"  {name}: exit {code}, {wall:.1f} s ({cpu:.1f} s CPU), {peak / 1024:.0f} MB peak, "
              f"{size / 1e6:.1f} MB out")
    header = ("command", "exit", "wall s", "cpu s", "peak MB", "output MB")
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()

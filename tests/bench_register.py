"""Benchmark of the register store: indexing a million statements, then searching and walking them.

    python tests/bench_register.py [--statements 1000000] [--seed 1]
                                   [--postgresql postgresql://... | --no-postgresql]

It generates a register (tests/register_gen.py, kept in a temporary folder for the next run),
indexes it into a fresh SQLite store and then into PostgreSQL (by default a throwaway server it
starts itself, with PostgreSQL's default settings, fsync on), each in a child process whose peak
memory (its own and its reading workers') is taken from the kernel. On each store it then times:
name search (the start of a real name: its first word and part of the next), the 2-hop
neighbourhood both ways capped at 500 entities, and the ultimate owners of a company
(model.register.owners.ultimate_owners), each over 200 draws including the biggest groups and the
deepest chains. It prints a table of the figures beside the targets of issue 12.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.register.engine import connect  # noqa: E402
from model.register.owners import ultimate_owners  # noqa: E402
from model.register.queries import neighbourhood, search  # noqa: E402
from tests.pg_cluster import Cluster, ClusterError  # noqa: E402
from tests.register_gen import write_register  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "stakemap-bench-register"
TARGETS = {"index": 180.0, "memory": 500.0, "search": 20.0, "hop2_p50": 50.0, "hop2_p99": 200.0,
           "owners": 100.0}


def register(statements: int, seed: int) -> tuple[Path, dict]:
    """The generated register and its summary, made once and kept for the next run."""
    CACHE.mkdir(exist_ok=True)
    dump = CACHE / f"register-{statements}-{seed}.jsonl.gz"
    summary = CACHE / f"register-{statements}-{seed}.summary.json"
    if not (dump.exists() and summary.exists()):
        started = time.perf_counter()
        print(f"generating {statements:,} statements into {dump} ...", flush=True)
        made = write_register(str(dump) + ".part", statements, seed)
        os.replace(str(dump) + ".part", dump)
        summary.write_text(json.dumps(made.__dict__), encoding="utf-8")
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    return dump, json.loads(summary.read_text(encoding="utf-8"))


# --- indexing, in a child process so that its memory is its own ----------------------------------------
def index_child(address: str, dump: str) -> None:
    """Index ``dump`` into ``address`` and print what it took as JSON (run as a child process)."""
    from model.register.indexing import index_files

    engine = connect(address)
    started, cpu = time.perf_counter(), time.process_time()
    report = index_files(engine, [dump])
    seconds = time.perf_counter() - started
    engine.close()
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    from model.register.workers import workers_for

    count = workers_for([os.path.getsize(dump)])
    print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu,
                      "workers_cpu": workers.ru_utime + workers.ru_stime, "workers": count,
                      "rss_mb": own.ru_maxrss / 1024, "worker_rss_mb": workers.ru_maxrss / 1024,
                      "read": report.read, "indexed": report.indexed, "bad": report.bad}))


def index(address: str, dump: Path, label: str) -> dict:
    print(f"indexing into {label} ...", flush=True)
    done = subprocess.run([sys.executable, __file__, "--index-child", address, str(dump)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"indexing into {label} failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["peak_mb"] = figures["rss_mb"] + figures["workers"] * figures["worker_rss_mb"]
    print(f"  {figures['seconds']:.0f} s, {figures['indexed']:,} statements, "
          f"peak {figures['peak_mb']:.0f} MB", flush=True)
    return figures


# --- queries ------------------------------------------------------------------------------------------
def draws(address: str, summary: dict, count: int, seed: int) -> dict[str, list[str]]:
    """What to ask: name prefixes and companies, the same for every store."""
    rng = random.Random(seed)
    engine = connect(address)
    entities = engine.rows("SELECT record_id, name FROM records "
                           "WHERE kind = 'entity' AND closed_date IS NULL")
    engine.close()
    picked = rng.sample(entities, count)
    prefixes = []
    for _, name in picked:
        words = name.split()
        prefixes.append(words[0] if len(words) < 2 else f"{words[0]} {words[1][:max(2, len(words[1]) // 2)]}")
    special = [*summary["hubs"], *summary["chain_ends"][:10], *[c[0] for c in summary["cycles"][:5]]]
    companies = (special + [record_id for record_id, _ in picked])[:count]
    rng.shuffle(companies)
    return {"prefixes": prefixes, "companies": companies}


def timed(call, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        call(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(address: str, asked: dict[str, list[str]], label: str) -> dict:
    print(f"querying {label} ...", flush=True)
    engine = connect(address)
    for prefix in asked["prefixes"][:10]:  # the first queries open files and fill caches
        search(engine, prefix)
    sizes = []
    times = {
        "search": timed(lambda text: search(engine, text), asked["prefixes"]),
        "hop2": timed(lambda record_id: sizes.append(len(neighbourhood(engine, record_id, 2, "both").hops)),
                      asked["companies"]),
        "owners": timed(lambda record_id: ultimate_owners(engine, record_id), asked["companies"]),
    }
    engine.close()
    out = {f"{name}_{p}": percentile(values, share) for name, values in times.items()
           for p, share in (("p50", 0.5), ("p99", 0.99))}
    out["hop2_size"] = statistics.median(sizes)
    out["hop2_capped"] = sum(1 for size in sizes if size >= 500)
    return out


# --- the table ----------------------------------------------------------------------------------------
def verdict(value: float | None, target: float) -> str:
    return "" if value is None else ("met" if value < target else "MISSED")


def table(statements: int, results: dict[str, dict]) -> str:
    engines = list(results)
    rows = [(f"index {statements:,} statements (s)", "seconds", "index"),
            ("  CPU: indexer + readers (s)", "cpu_total", None),
            ("peak memory while indexing (MB)", "peak_mb", "memory"),
            ("name search p50 (ms)", "search_p50", "search"), ("name search p99 (ms)", "search_p99", None),
            ("2-hop neighbourhood, cap 500, p50 (ms)", "hop2_p50", "hop2_p50"),
            ("2-hop neighbourhood, cap 500, p99 (ms)", "hop2_p99", "hop2_p99"),
            ("ultimate owners p50 (ms)", "owners_p50", "owners"),
            ("ultimate owners p99 (ms)", "owners_p99", None)]
    head = f"{'':42}" + "".join(f"{name:>14}" for name in engines) + f"{'target':>10}  SQLite"
    if "postgresql" in results:
        head += "  PG/SQLite"
    lines = [head]
    for label, key, target in rows:
        values = [results[name].get(key) for name in engines]
        line = f"{label:42}" + "".join(f"{v:>14.1f}" if v is not None else f"{'-':>14}" for v in values)
        if target:
            line += f"{'< ' + format(TARGETS[target], 'g'):>10}  {verdict(values[0], TARGETS[target]):6}"
        else:
            line += f"{'':10}  {'':6}"
        if "postgresql" in results and values[0]:
            line += f"  {values[-1] / values[0]:>6.1f}x"
        lines.append(line)
    sizes = results[engines[0]]
    lines.append(f"(2-hop pieces: median {sizes['hop2_size']:.0f} entities, {sizes['hop2_capped']} of the "
                 "draws reached the cap)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgresql", metavar="ADDRESS", help="an empty PostgreSQL database to index into")
    where.add_argument("--no-postgresql", action="store_true", help="SQLite only")
    parser.add_argument("--index-child", nargs=2, metavar=("ADDRESS", "DUMP"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.index_child:
        index_child(*args.index_child)
        return 0
    dump, summary = register(args.statements, args.seed)
    print(f"register: {summary['statements']:,} statements, {summary['entities']:,} companies, "
          f"{summary['persons']:,} people, {summary['relationships']:,} relationships; groups of "
          f"{', '.join(f'{n:,}' for n in summary['hubs'].values())} subsidiaries", flush=True)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="stakemap-bench-") as folder:
        sqlite = os.path.join(folder, "register.sqlite")
        results["sqlite"] = index(sqlite, dump, "SQLite")
        results["sqlite"]["size_mb"] = os.path.getsize(sqlite) / 2**20
        asked = draws(sqlite, summary, args.queries, args.seed)
        results["sqlite"].update(measure(sqlite, asked, "SQLite"))
        if not args.no_postgresql:
            try:
                results["postgresql"] = postgresql(args.postgresql, dump, asked)
            except ClusterError as error:
                print(f"PostgreSQL left out: {error}", file=sys.stderr)
    for figures in results.values():
        figures["cpu_total"] = figures["cpu"] + figures["workers_cpu"]
    print()
    print(table(args.statements, results))
    print(f"SQLite store: {results['sqlite']['size_mb']:,.0f} MB; machine: {os.cpu_count()} cores; "
          f"reading workers: {results['sqlite']['workers']}")
    return 0


def postgresql(address: str | None, dump: Path, asked: dict) -> dict:
    if address:
        figures = index(address, dump, "PostgreSQL")
        return {**figures, **measure(address, asked, "PostgreSQL")}
    with Cluster(durable=True) as cluster:
        figures = index(cluster.address(), dump, "PostgreSQL (a throwaway server)")
        return {**figures, **measure(cluster.address(), asked, "PostgreSQL")}


if __name__ == "__main__":
    sys.exit(main())

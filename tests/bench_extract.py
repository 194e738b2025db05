"""How well model/extract reads articles: precision and recall per relation, and its speed.

Run: .venv/bin/python tests/bench_extract.py
On the seed article against the hand-built seed project, on the Re-DocRED documents in the
shared data folder (skipped with a message where it is absent), and on the development set of
news articles written for the reader (per article recall and precision). A proposal matches a fact
when the relation, subject and object agree (by name or an alias the reading gave, whatever the case
and company suffixes) and the fact's share, where it has one, lies in the proposal's range.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.extract import propose, read  # noqa: E402
from model.extract.resolve import name_key  # noqa: E402
from model.formats.importers import load_any  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "xiaomi-fintech.stakemap.json"
ARTICLE = ROOT / "seeds" / "xiaomi-fintech-2020-04-24.txt"
REDOCRED = SHARED / "data" / "text" / "redocred-dev-ownership.jsonl"
RELATIONS = ("ownership", "position", "reporting", "licence")


def _keys(names) -> set[str]:
    return {name_key(name) for name in names if name_key(name)}


def matches(proposal, fact: dict, aliases: dict[str, set[str]] | None = None) -> bool:
    """Does ``proposal`` state ``fact`` (relation, subject names, object names, share or None)?

    ``aliases`` maps an entity's name to the keys of the other names the reading gave it."""
    if proposal.relation != fact["relation"]:
        return False
    aliases = aliases or {}
    subject = {name_key(proposal.subject), *aliases.get(proposal.subject, ())}
    object_ = {name_key(proposal.object), *aliases.get(proposal.object, ())}
    if not subject & fact["subject"] or not object_ & fact["object"]:
        return False
    share = fact.get("share")
    if share is not None:
        if proposal.share_min is None:
            return False
        return proposal.share_min - 1e-9 <= share <= proposal.share_max + 1e-9
    return True


def score(pairs) -> dict[str, Counter]:
    """pairs: (reading, facts) per document -> per relation Counter of tp_p, n_p, tp_f, n_f."""
    counts = {relation: Counter() for relation in RELATIONS}
    for reading, facts in pairs:
        aliases = {entity.name: _keys(entity.aliases) for entity in reading.entities}
        for proposal in reading.proposals:
            counts[proposal.relation]["proposed"] += 1
            counts[proposal.relation]["right"] += any(matches(proposal, fact, aliases) for fact in facts)
        for fact in facts:
            counts[fact["relation"]]["facts"] += 1
            counts[fact["relation"]]["found"] += any(matches(p, fact, aliases) for p in reading.proposals)
    return counts


def report(title: str, counts: dict[str, Counter]) -> None:
    print(f"\n{title}")
    print(f"  {'relation':<10} {'precision':>16} {'recall':>16}")
    total = Counter()
    for relation, count in counts.items():
        total.update(count)
        if count["proposed"] or count["facts"]:
            print(f"  {relation:<10} {_ratio(count['right'], count['proposed']):>16} "
                  f"{_ratio(count['found'], count['facts']):>16}")
    precision, recall = _ratio(total["right"], total["proposed"]), _ratio(total["found"], total["facts"])
    print(f"  {'all':<10} {precision:>16} {recall:>16}")


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "-"


def seed_facts() -> list[dict]:
    doc, _ = load_any(SEED)
    facts = []
    for relationship in doc.relationships():
        subject, object_ = doc.entity(relationship.subject), doc.entity(relationship.object)
        share = relationship.share.low if relationship.share.is_exact else None
        facts.append({"relation": relationship.kind, "subject": _keys([subject.name, *subject.aliases]),
                      "object": _keys([object_.name, *object_.aliases]), "share": share})
    return facts


def redocred_pairs() -> list[tuple[list, list[dict]]]:
    pairs = []
    for line in REDOCRED.read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        names = {entity["id"]: _keys(entity["names"]) for entity in document["entities"]}
        facts = [{"relation": fact["relation"], "subject": names[fact["subject"]],
                  "object": names[fact["object"]]} for fact in document["facts"]]
        pairs.append((read(document["text"]), facts))
    return pairs


def synthetic_articles(count: int, words: int = 500, seed: int = 7) -> list[str]:
    """Made-up news text of about ``words`` words, full of the wordings the reader looks for."""
    rng = random.Random(seed)
    firms = ["Xiaomi", "Tencent Holdings", "Alibaba Group", "Sichuan Xinwang Bank", "Ant Financial", "WeBank",
             "Meituan", "JD.com", "Bank of Hangzhou", "Ping An Insurance", "Baidu", "ByteDance"]
    people_ = ["Alain Lam", "Zhao Weixing", "Hong Feng", "Lei Jun", "Jack Ma", "Pony Ma", "Wang Xing"]
    templates = [
        "{a} owns a {n}% stake in {b}, according to filings.",
        "{b} is a wholly owned subsidiary of {a}.",
        "{p}, the former chief executive of {a}, will report to {q}.",
        "In May 2019, {a} agreed to buy a majority stake in {b}.",
        "Regulators granted {a} a digital banking licence in {y}.",
        "{a}'s shares rose {n}% on Monday as analysts upgraded the stock after strong results.",
        "The company said revenue grew {n}% in the quarter, helped by demand for its phones abroad.",
        "{a} has appointed {p} as vice president of its fintech branch, the company said on Thursday.",
    ]
    articles = []
    for _ in range(count):
        sentences, total = [], 0
        while total < words:
            sentence = rng.choice(templates).format(
                a=rng.choice(firms), b=rng.choice(firms), p=rng.choice(people_), q=rng.choice(people_),
                n=rng.randint(1, 99), y=rng.randint(2000, 2024))
            sentences.append(sentence)
            total += len(sentence.split())
        articles.append(" ".join(sentences))
    return articles


def main() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    reading = read(text)
    seed_seconds = time.perf_counter() - started
    report("Seed article against seeds/xiaomi-fintech.stakemap.json", score([(reading, seed_facts())]))
    if REDOCRED.is_file():
        report(f"Re-DocRED dev, {REDOCRED.name}", score(redocred_pairs()))
    else:
        print(f"\nRe-DocRED skipped: {REDOCRED} is absent (the shared data folder is not beside the project)")
    print("\nDevelopment set of news articles (tests/model/test_extract_articles.py)")
    from tests.model.test_extract_articles import main as development_set
    development_set()
    articles = synthetic_articles(1000)
    started = time.perf_counter()
    for article in articles:
        propose(article)
    batch_seconds = time.perf_counter() - started
    print(f"\nSpeed: seed article {seed_seconds * 1000:.0f} ms; 1,000 synthetic articles of ~500 words "
          f"{batch_seconds:.1f} s ({batch_seconds:.1f} ms per article)")


if __name__ == "__main__":
    main()

"""`stakemap read`: proposals with their exact words, as text or JSON, and accepted into a project
only when asked; a fact the project already has gains a citation instead of a second line."""

from __future__ import annotations

import json

from gui.cli import main
from model.formats import projectfile
from tests.conftest import ROOT, SEED

ARTICLE = ROOT / "seeds" / "xiaomi-fintech-2020-04-24.txt"
OTHER = ("Tencent owns a 30% stake in Huayi Brothers. Ma Huateng is the chief executive of Tencent.\n"
         "\U0001d518 BlueSky Holdings, formerly Insight Fintech, is wholly owned by Redwood Capital.")


def test_json_gives_one_line_per_article_with_exact_quotes(tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    assert main(["read", str(ARTICLE), str(other), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    texts = [ARTICLE.read_text(encoding="utf-8"), OTHER]
    for line, text in zip(lines, texts, strict=True):
        data = json.loads(line)
        assert data["source"]["characters"] == len(text)
        assert data["proposals"]
        for p in data["proposals"]:
            assert {"subject", "relation", "object", "share_min", "share_max", "role", "status",
                    "start_date", "quote", "offset", "confidence", "rule"} <= set(p)
            assert text[p["offset"][0]:p["offset"][1]] == p["quote"]
            assert p["relation"] in ("ownership", "position", "reporting", "licence")
    other_facts = {(p["subject"], p["relation"], p["object"], p["share_max"])
                   for p in json.loads(lines[1])["proposals"]}
    assert ("Tencent", "ownership", "Huayi Brothers", 30.0) in other_facts
    assert ("Redwood Capital", "ownership", "BlueSky Holdings", 100.0) in other_facts


def test_accept_all_writes_a_project_that_checks_clean(tmp_path, capsys):
    out = tmp_path / "read.stakemap.json"
    assert main(["read", str(ARTICLE), "-o", str(out), "--accept-all", "--date", "2020-04-24"]) == 0
    doc = projectfile.load(out)
    assert len(doc.relationships()) >= 12 and len(doc.sources()) == 1
    assert all(r.citations for r in doc.relationships()) and all(e.citations for e in doc.entities())
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_without_accept_all_nothing_enters_but_the_source(tmp_path, capsys):
    out = tmp_path / "read.stakemap.json"
    assert main(["read", str(ARTICLE), "-o", str(out)]) == 0
    doc = projectfile.load(out)
    assert doc.relationships() == [] and doc.sources()[0].text == ARTICLE.read_text(encoding="utf-8")
    assert "nothing enters unreviewed" in capsys.readouterr().err


def test_reading_into_the_seed_cites_what_it_already_has(tmp_path, capsys):
    project = tmp_path / "seed.stakemap.json"
    project.write_bytes(SEED.read_bytes())
    before = projectfile.load(project)
    # the seed's own article again: its source is reused and everything it proposes is there already
    assert main(["read", str(ARTICLE), "--into", str(project), "-o", str(project), "--accept-all"]) == 0
    again = projectfile.load(project)
    assert len(again.sources()) == len(before.sources())
    assert len(again.relationship("own-xiaomi-xinwang").citations) == 1
    # another article stating the same stake: one more citation, not a second line
    other = tmp_path / "other.txt"
    other.write_text("Filings show that Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank.", encoding="utf-8")
    assert main(["read", str(other), "--into", str(project), "-o", str(project), "--accept-all"]) == 0
    after = projectfile.load(project)
    assert len(after.relationship("own-xiaomi-xinwang").citations) == 2
    pairs = [(r.kind, r.subject, r.object) for r in after.relationships()]
    assert pairs.count(("ownership", "xiaomi", "xinwang")) == 1
    assert len(after.sources()) == len(before.sources()) + 1


def test_unreadable_articles_are_a_clear_message(tmp_path, capsys):
    page = tmp_path / "page.pdf"
    page.write_bytes(b"%PDF-1.4")
    assert main(["read", str(page)]) == 2
    assert "not a readable PDF" in capsys.readouterr().err
    assert main(["read", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err

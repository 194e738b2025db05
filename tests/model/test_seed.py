"""The built-in seed: the article byte for byte, every citation at its exact offsets, the key facts."""

import csv
import io

import pytest

from model.checks import ERROR, WARNING, check
from model.formats import factsheet
from tests.conftest import ARTICLE


def _all_citations(doc):
    for item in [*doc.entities(), *doc.relationships()]:
        for citation in item.citations:
            yield item.id, citation
        for attribute in getattr(item, "attributes", {}).values():
            for citation in attribute.citations:
                yield item.id, citation


def test_article_copied_byte_for_byte(shared_dir):
    original = next((shared_dir / "seed-article").glob("000_*.txt"))
    assert ARTICLE.read_bytes() == original.read_bytes()


def test_source_text_is_the_article(seed_doc):
    (source,) = seed_doc.sources()
    assert source.text == ARTICLE.read_text(encoding="utf-8")
    assert (source.publisher, source.date) == ("TechNode", "2020-04-24")


def test_every_citation_matches_the_article_at_its_character_offsets(seed_doc):
    text = ARTICLE.read_text(encoding="utf-8")
    cited = list(_all_citations(seed_doc))
    assert len(cited) >= 40
    for item_id, citation in cited:
        assert text[citation.start:citation.end] == citation.quote, item_id
        assert text[:citation.start].endswith(citation.prefix), item_id
        assert text[citation.end:].startswith(citation.suffix), item_id


def test_offsets_count_characters_not_bytes(seed_doc):
    """The article has curly quotes and bullets, so the two would differ after the first one."""
    text = ARTICLE.read_text(encoding="utf-8")
    stake = seed_doc.relationship("own-xiaomi-xinwang").citations[0]
    assert len(text[:stake.start].encode("utf-8")) != stake.start
    assert ARTICLE.read_bytes()[stake.start:stake.end].decode("utf-8", "replace") != stake.quote


def test_seed_has_no_errors_and_nothing_silently_uncited(seed_doc):
    problems = check(seed_doc)
    assert [p for p in problems if p.severity in (ERROR, WARNING)] == []


@pytest.mark.parametrize("subject, relation, obj, share, role, status, words", [
    ("Xiaomi", "ownership", "Sichuan Xinwang Bank", "29.5", "stake", "current", "29.5% stake"),
    ("Tencent", "ownership", "WeBank", "", "backed", "current", "Tencent-backed Webank"),
    ("Alibaba", "ownership", "Zhejiang E-Commerce Bank", "", "backed", "current", "Alibaba-backed"),
    ("Zhao Weixing", "position", "Xiaomi fintech branch", "", "vice president", "current", "vice president"),
    ("Zhao Weixing", "position", "Sichuan Xinwang Bank", "", "president", "former", "former president"),
    ("Zhao Weixing", "reporting", "Hong Feng", "", "reports to", "current", "Zhao will report to Hong Feng"),
    ("Xiaomi", "ownership", "Xiaomi P2P lending subsidiary (Zhuhai)", "", "subsidiary", "dissolved",
     "break up"),
    ("Singapore licensing authority", "licence", "Xiaomi", "", "digital banking license", "current",
     "digital banking license in Singapore"),
])
def test_fact_sheet_lists_the_article_facts_with_quotes(seed_doc, subject, relation, obj, share, role,
                                                         status, words):
    sheet = list(csv.DictReader(io.StringIO(factsheet.to_csv(seed_doc))))
    row = next(r for r in sheet if (r["subject"], r["relation"], r["object"]) == (subject, relation, obj))
    assert (row["share"], row["role"], row["status"]) == (share, role, status)
    assert words in row["quote"]
    assert row["source"] == "Xiaomi brings in banker to boost fintech push"


def test_relative_dates_resolved_with_words_kept(seed_doc):
    appointed = seed_doc.relationship("pos-zhao-fintech-vp").start
    assert (appointed.value, appointed.text, appointed.precision) == ("2020-04-23", "Thursday", "day")
    broken_up = seed_doc.relationship("own-xiaomi-zhuhai-p2p").end
    assert (broken_up.value, broken_up.precision) == ("2019-03", "month")
    india = seed_doc.entity("xiaomi").attributes["overseas plans"].date
    assert (india.value, india.text) == ("2019", "late last year")

"""An article as a document of its own: the one rule ``stakemap add`` and the window's preview share."""

from __future__ import annotations

from model.extract import read
from model.extract.as_document import article_as_document
from model.formats import projectfile

STORY = ("Xiaomi holds 30% of Sichuan Xinwang Bank, the lender said on Monday. Chengdu Tianfu Holdings, "
         "a city fund, owns 12% of Sichuan Xinwang Bank. Zhao Weixing is the president of Sichuan "
         "Xinwang Bank.")


def test_the_article_is_the_one_source_and_keeps_what_is_known_of_it():
    doc = article_as_document(STORY, "Xiaomi lifts its stake", "The Wire", "2024-05-06",
                              "https://example.org/xiaomi", source_id="article-3")
    (source,) = doc.sources()
    assert (source.id, source.title, source.publisher, source.date, source.url, source.kind) == (
        "article-3", "Xiaomi lifts its stake", "The Wire", "2024-05-06", "https://example.org/xiaomi",
        "article")
    assert source.text == STORY  # verbatim: citations count its characters
    assert doc.title == "Xiaomi lifts its stake"


def test_every_proposal_is_accepted_and_cited_at_its_words():
    doc = article_as_document(STORY, "Xiaomi lifts its stake")
    names = {e.id: e.name for e in doc.entities()}
    lines = {(r.kind, names[r.subject], names[r.object], r.share.text) for r in doc.relationships()}
    assert lines == {("ownership", "Xiaomi", "Sichuan Xinwang Bank", "30"),
                     ("ownership", "Chengdu Tianfu Holdings", "Sichuan Xinwang Bank", "12"),
                     ("position", "Zhao Weixing", "Sichuan Xinwang Bank", "")}
    quotes = {c.quote for r in doc.relationships() for c in r.citations}
    assert quotes == {p.quote for p in read(STORY).proposals}
    for item in [*doc.entities(), *doc.relationships()]:
        assert item.citations, item.id
        for citation in item.citations:
            assert STORY[citation.start:citation.end] == citation.quote


def test_stakemap_add_reads_an_article_file_by_the_same_rule(tmp_path):
    from gui.cli_add import incoming

    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert projectfile.dumps(incoming(str(path))) == projectfile.dumps(article_as_document(STORY, "story"))


def test_an_article_that_states_nothing_is_its_source_alone():
    doc = article_as_document("Markets were quiet on Tuesday.", "Quiet day")
    assert doc.entities() == [] and doc.relationships() == [] and len(doc.sources()) == 1

"""Rules that each live once in model/ and that the panes call: what a sentence is, which citations
belong to an item, the words for a relationship kind, the timeline's dated facts, Find, and the
look-through's chain text and undisclosed remainder. Mostly on the Xiaomi seed, as a user sees it."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest

from model.asof import dated_facts, year_fraction
from model.citations import citations_of, cite, cite_quote, source_notes
from model.coverage import cited_spans, uncited_sentences
from model.find import find_entities, findable_names
from model.lookthrough.remainder import undisclosed_remainder
from model.lookthrough.stakes import compute
from model.lookthrough.text import path_text
from model.sentences import sentence_around, sentence_spans
from model.types import RELATIONSHIP_KINDS, Attribute, Entity, Relationship, Share
from model.wording import KIND_NOUNS, KIND_VERBS, kind_verb, relationship_sentence

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def article(seed_doc):
    (source,) = seed_doc.sources()
    return source


# --- what a sentence is ---------------------------------------------------------------------------
def test_a_bulleted_line_of_the_seed_is_one_sentence_without_its_bullet(article):
    sentences = [article.text[start:end] for start, end in sentence_spans(article.text)]
    stake = next(s for s in sentences if "29.5%" in s)
    assert stake == ("Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank, according to corporate "
                     "information platform\u00a0Tianyancha\u00a0(in Chinese).")
    assert not any(s.startswith(("\u2022", " ")) or s != s.strip() for s in sentences)


@pytest.mark.parametrize("text", ["Stop! Xiaomi owns 5%. Later.", "Who? Xiaomi owns 5%. Later.",
                                  "Heading\nXiaomi owns 5%. Later."])
def test_both_panes_end_a_sentence_at_the_same_marks(text):
    # the details pane once cut only at '. ' and line ends, the source pane at '!' and '?' too
    start = text.index("owns")
    before, quote, after = sentence_around(text, start, start + 4)
    assert (before, quote, after) == ("Xiaomi ", "owns", " 5%.")
    assert (text.index("Xiaomi"), text.index(" Later")) in sentence_spans(text)


def test_the_quote_of_the_articles_first_sentence_keeps_its_first_letter(seed_doc, article):
    # a citation in the first sentence showed 'iaomi has hired ...' in the details pane
    citation = seed_doc.relationship("own-xiaomi-fintech").citations[0]
    before, quote, after = sentence_around(article.text, citation.start, citation.end)
    assert before == "Xiaomi has hired the president of an online bank to lead "
    assert quote == "the smartphone maker\u2019s budding consumer finance business"
    assert after == ", the company announced Thursday."


def test_a_quote_ending_a_sentence_brings_nothing_of_the_next(article):
    citation = cite_quote(article, "Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank, according to "
                                   "corporate information platform\u00a0Tianyancha\u00a0(in Chinese).")
    assert sentence_around(article.text, citation.start, citation.end)[::2] == ("", "")


def test_abbreviations_are_not_recognised():
    # documented limit of the rule, so a change to it is a decision, not an accident
    assert len(sentence_spans("Xiaomi Inc. owns a stake.")) == 2


# --- which citations belong to an item, and what they cover -------------------------------------
def test_an_entitys_citations_are_its_own_then_its_attributes(seed_doc):
    bank = seed_doc.entity("xinwang")
    cited = citations_of(bank)
    assert [attribute for attribute, _ in cited] == ["", "founded", "description"]
    assert cited[0][1] == bank.citations[0]  # the details pane removes own citations by this index
    assert cited[1][1].quote == "Founded in 2016"


def test_a_relationships_citations_are_its_own(seed_doc):
    rel = seed_doc.relationship("pos-zhao-fintech-vp")
    assert citations_of(rel) == [("", citation) for citation in rel.citations]


def test_the_seed_leaves_three_sentences_uncited(seed_doc, article):
    spans = cited_spans(seed_doc, article.id)
    cited = [(span.start, span.end) for span in spans]
    uncited = [article.text[a:b] for a, b in uncited_sentences(article.text, cited)]
    assert uncited == [
        "The company has been trying to leverage its massive global handset user base to boost other "
        "business segments such as personal cloud service and consumer finance service.",
        "Amid the domestic regulation uncertainty, the company is simultaneously eyeing fintech markets "
        "overseas.",
        "Writing about semiconductors and telecommunications.",
    ]


def test_an_attribute_citation_covers_its_sentence_and_says_what_it_supports(seed_doc, article):
    spans = cited_spans(seed_doc, article.id)
    founded = next(s for s in spans if article.text[s.start:s.end] == "Founded in 2016")
    assert (founded.item_id, founded.fact) == ("xinwang", "entity")
    assert founded.text == "Sichuan Xinwang Bank: founded = 2016"
    stake = next(s for s in spans if s.item_id == "own-xiaomi-xinwang")
    assert (stake.fact, stake.text) == ("ownership", "ownership Xiaomi -> Sichuan Xinwang Bank")


def test_uncited_sentences_go_once_something_cites_them(seed_doc, article):
    cited = [(s.start, s.end) for s in cited_spans(seed_doc, article.id)]
    writing = article.text.index("Writing about")
    before = uncited_sentences(article.text, cited)
    after = uncited_sentences(article.text, [*cited, (writing, writing + 7)])
    assert len(after) == len(before) - 1


def test_source_notes_number_each_quote_once_and_leave_out_attributes(seed_doc, article):
    shared = cite_quote(article, "Tencent-backed Webank")  # cited by WeBank and by Tencent's stake in it
    ids = ["own-tencent-webank", "webank", "xinwang"]
    notes, refs = source_notes(seed_doc, ids)
    assert seed_doc.relationship("own-tencent-webank").citations[0] == shared
    assert seed_doc.entity("webank").citations[0] == shared
    assert refs["own-tencent-webank"] == refs["webank"] == [1]
    assert notes[0] == f"[1] \u201cTencent-backed Webank\u201d \u2014 {article.title}, TechNode 2020-04-24"
    assert len(refs["xinwang"]) == 1  # the bank's own citation, not 'Founded in 2016' nor its description
    assert not any("Founded in 2016" in note for note in notes)


# --- the words for relationship kinds ------------------------------------------------------------
def test_every_kind_has_a_verb_and_a_noun():
    assert set(KIND_VERBS) == set(KIND_NOUNS) == set(RELATIONSHIP_KINDS)
    assert len(set(KIND_VERBS.values())) == len(KIND_VERBS)


@pytest.mark.parametrize("kind", ["position", "reporting", "licence"])
def test_a_line_without_a_role_is_labelled_with_its_kinds_verb(kind):
    rel = Relationship("r", kind, "a", "b")
    assert rel.label == kind_verb(kind)
    assert Relationship("r", kind, "a", "b", role="chairman").label == "chairman"


def test_the_kind_phrases_are_written_nowhere_else():
    # the issue: the legend, the timeline, the dialog and the model each had their own wording
    owners = {}
    for folder in ("model", "gui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in KIND_VERBS.values():
                    owners.setdefault(node.value, set()).add(path.relative_to(ROOT).as_posix())
    assert owners and all(files == {"model/wording.py"} for files in owners.values()), owners


# --- the timeline's dated facts ------------------------------------------------------------------
def test_the_seeds_dated_facts_earliest_first(seed_doc):
    facts = [(fact.when, fact.what) for fact in dated_facts(seed_doc)]
    assert facts == [
        ("2016 (\u201cFounded in 2016\u201d)", "Sichuan Xinwang Bank founded"),
        ("2019 (\u201clate last year\u201d)",
         "Xiaomi overseas plans: in talks to expand its financial product offering in India"),
        ("March 2019 (\u201cIn March 2019\u201d)",
         "Ends: Xiaomi owns Xiaomi P2P lending subsidiary (Zhuhai)"),
        ("January 2020 (\u201cIn January\u201d)",
         "Starts (planned): Xiaomi owns Xiaomi consumer finance company (Chongqing)"),
        ("January 2020 (\u201cIn January\u201d)",
         "Starts: Chinese regulators licenses Xiaomi "
         "(approval to set up a consumer finance company in Chongqing)"),
        ("January 2020 (\u201cin January\u201d)",
         "Starts: Singapore licensing authority licenses Xiaomi (digital banking license)"),
        ("23 April 2020 (\u201cThursday\u201d)", "Starts: Zhao Weixing reports to Hong Feng"),
        ("23 April 2020 (\u201cThursday\u201d)",
         "Starts: Zhao Weixing, vice president at Xiaomi fintech branch"),
    ]


def test_a_dated_fact_shows_its_quote_or_says_it_has_none(seed_doc):
    facts = {fact.what: fact for fact in dated_facts(seed_doc)}
    founded = facts["Sichuan Xinwang Bank founded"]
    assert founded.item_id == "xinwang" and founded.role == "attribute"
    assert founded.description.endswith("\n\u201cFounded in 2016\u201d")
    bare = Relationship("r", "ownership", "xiaomi", "xinwang", start=founded.date)
    seed_doc.add_relationship(bare)
    mine = next(fact for fact in dated_facts(seed_doc) if fact.item_id == "r")
    assert mine.description.endswith("(no quote)")


def test_a_dated_facts_width_on_the_timeline_shows_its_precision(seed_doc):
    facts = {(fact.item_id, fact.role): fact for fact in dated_facts(seed_doc)}
    assert facts[("xinwang", "attribute")].span == (2016.0, 2017.0)  # a year: the whole year
    low, high = facts[("own-xiaomi-zhuhai-p2p", "end")].span  # a month: March 2019
    assert 2019.16 < low < high < 2019.25
    low, high = facts[("rep-zhao-hong", "start")].span  # a day: a tick of no width
    assert low == high == year_fraction(datetime.date(2020, 4, 23))


def test_a_role_that_repeats_the_verb_is_not_said_twice():
    # editor.reparent gives a new reporting line the role 'reports to'
    assert relationship_sentence("Zhao Weixing", "reporting", "reports to", "Hong Feng") == \
        "Zhao Weixing reports to Hong Feng"


# --- Find ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "found"), [
    ("xinwang", "xinwang"), ("XINWANG", "xinwang"), ("  Sichuan xinwang bank ", "xinwang"),
    ("新网", "xinwang"), ("webank", "webank"), ("xiaomi", "xiaomi"), ("bank", "bank-of-hangzhou"),
])
def test_find_matches_names_and_aliases_ignoring_case(seed_doc, typed, found):
    assert find_entities(seed_doc, typed)[0].id == found


def test_find_puts_the_exact_name_first_then_names_that_start_with_the_text(seed_doc):
    ids = [entity.id for entity in find_entities(seed_doc, "xiaomi")]
    assert ids == ["xiaomi", "chongqing-consumer-finance", "xiaomi-fintech", "zhuhai-p2p"]


def test_find_finds_nothing_for_blank_or_unknown_text(seed_doc):
    assert find_entities(seed_doc, "   ") == [] and find_entities(seed_doc, "no such thing") == []


def test_find_offers_every_name_and_alias_once(seed_doc):
    names = findable_names(seed_doc)
    assert "Sichuan Xinwang Bank" in names and "四川新网银行" in names
    every = {name for entity in seed_doc.entities() for name in (entity.name, *entity.aliases)}
    assert len(names) == len(set(names)) == len(every)


# --- look-through text and remainder -------------------------------------------------------------
def test_a_chain_reads_names_then_shares(seed_doc):
    seed_doc.add_entity(Entity("credit", "Xiaomi Credit"))
    seed_doc.add_relationship(Relationship("r-credit", "ownership", "xinwang", "credit", Share.exact(50)))
    result = compute(seed_doc)
    (chain,) = result.paths("xiaomi", "credit")
    assert path_text(seed_doc, chain) == ("Xiaomi \u2192 Sichuan Xinwang Bank \u2192 Xiaomi Credit: "
                                          "29.5% \u00d7 50% = 14.75%")
    (direct,) = result.paths("alibaba", "ant-financial")
    assert path_text(seed_doc, direct) == "Alibaba \u2192 Ant Financial: undisclosed"


def test_the_undisclosed_remainder_of_the_seeds_banks(seed_doc):
    result = compute(seed_doc)
    xinwang = undisclosed_remainder(result, "xinwang")
    assert (xinwang.low, xinwang.high) == pytest.approx((70.5, 70.5))
    webank = undisclosed_remainder(result, "webank")  # Tencent's stake is undisclosed
    assert (webank.low, webank.high) == (0.0, 100.0)
    assert undisclosed_remainder(result, "xiaomi").high == 100.0  # nobody is said to own Xiaomi


def test_an_entity_with_only_attribute_citations_gets_no_note():
    from model.document import Document
    from model.types import Source

    doc = Document()
    doc.add_source(Source("s", "Article", text="Founded in 2016, the bank grew."))
    founded = Attribute("2016", citations=(cite(doc.source("s"), 0, 15),))
    doc.add_entity(Entity("b", "Bank", "bank", attributes={"founded": founded}))
    assert source_notes(doc, ["b"]) == ([], {})
    assert [quote.quote for _, quote in citations_of(doc.entity("b"))] == ["Founded in 2016"]

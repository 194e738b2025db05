"""Reading whole news articles: recall and precision on a development set written apart from the rules.

Each article was written in a different house style (wire story with headline and dateline, business
magazine, press release) and domain, and its expected facts were written down before the extractor
read it. A fact is ``(subject, relation, object, share, status)``: names may list alternatives with
``|`` (compared as :func:`model.extract.resolve.name_key` does); ``share`` None means any (or none),
a number an exact share, a pair the range; ``status`` None means any. ``also`` lists facts that are
true but that a reader need not propose: they count for precision, not for recall.

Run ``.venv/bin/python tests/model/test_extract_articles.py`` for the per-article table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from model.extract import propose  # noqa: E402
from model.extract.resolve import name_key  # noqa: E402


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    facts: tuple[tuple, ...]
    also: tuple[tuple, ...] = ()
    floors: tuple[float, float] = (0.0, 0.0)  # (recall, precision) this reader honestly reaches
    notes: str = field(default="", compare=False)


ARTICLES = [
    Article(
        "wire-telecom",
        "Nordic Telecom agrees to buy majority stake in Baltic Fibre\n\n"
        "OSLO, March 3 (Reuters) - Nordic Telecom ASA said on Tuesday it had agreed to buy a 60% stake in "
        "Baltic Fibre from private equity firm Granite Partners for 2.1 billion crowns.\n\n"
        "Granite Partners, which acquired Baltic Fibre in 2017, will keep the remaining 40%.\n\n"
        "Baltic Fibre chief executive Anna Lind will report to Nordic Telecom's chief operating officer, "
        "Per Holm, after the deal closes. Lind previously ran the Swedish unit of Telia.\n\n"
        "Nordic Telecom is controlled by the Norwegian state, which holds 54% of its shares. Its Danish "
        "subsidiary, Nordic Telecom Danmark, was shut down in 2021.\n\n"
        "The Norwegian Communications Authority granted Baltic Fibre a licence to operate in Norway in "
        "May 2022.\n",
        (
            ("Nordic Telecom", "ownership", "Baltic Fibre", 60, "planned"),
            ("Granite Partners", "ownership", "Baltic Fibre", None, "current"),
            ("Anna Lind", "position", "Baltic Fibre", None, "current"),
            ("Anna Lind", "reporting", "Per Holm", None, "planned"),
            ("Per Holm", "position", "Nordic Telecom", None, "current"),
            ("Anna Lind", "position", "Telia Swedish unit|Telia", None, "former"),
            ("Norwegian state", "ownership", "Nordic Telecom", 54, "current"),
            ("Nordic Telecom", "ownership", "Nordic Telecom Danmark", None, "dissolved"),
            ("Norwegian Communications Authority", "licence", "Baltic Fibre", None, "current"),
        ),
        also=(
            ("Telia", "ownership", "Telia Swedish unit", None, None),
        ),
        floors=(1.0, 1.0),
    ),
    Article(
        "wire-bank",
        "Halvard Bank to sell insurance stake to Meridian Life\n\n"
        "FRANKFURT, June 12 (Reuters) - Halvard Bank AG said on Thursday it had agreed to sell its 20% "
        "stake in Kessler Versicherung to Meridian Life for 450 million euros.\n\n"
        "Meridian Life, which already owns 35% of the insurer, will become its largest shareholder after "
        "the deal.\n\n"
        "Halvard Bank's chief financial officer, Sabine Ort, said the proceeds would fund share buybacks. "
        "Ort previously worked at Commerzbank, where she was head of treasury.\n\n"
        "Halvard Bank is 12% owned by the state of Hesse.\n",
        (
            ("Halvard Bank", "ownership", "Kessler Versicherung", 20, "current"),
            ("Meridian Life", "ownership", "Kessler Versicherung", 20, "planned"),
            ("Meridian Life", "ownership", "Kessler Versicherung", 35, "current"),
            ("Sabine Ort", "position", "Halvard Bank", None, "current"),
            ("Sabine Ort", "position", "Commerzbank", None, "former"),
            ("Hesse|State of Hesse", "ownership", "Halvard Bank", 12, "current"),
        ),
        also=(
            ("Meridian Life", "ownership", "Kessler Versicherung", None, "planned"),
        ),
        floors=(1.0, 1.0),
    ),
    Article(
        "magazine-tech",
        "When Lumora Systems bought Pixelgrid in 2019, few expected the deal to reshape European cloud "
        "gaming. Three years later, the Berlin-based studio is a wholly owned subsidiary of Lumora, and its "
        "founder, Tomas Reiner, runs Lumora's games division.\n\n"
        "Reiner stepped down as chief executive of Pixelgrid last year and was replaced by Clara Voss, a "
        "former product director at Ubisoft. Voss reports to Lumora chief executive Mark Ellison.\n\n"
        "Lumora itself is backed by Sequoia Capital and Tencent, which together hold about 30% of the "
        "company. Its payments joint venture with Adyen, Lumopay, was dissolved in 2022.\n",
        (
            ("Lumora Systems", "ownership", "Pixelgrid", 100, "current"),
            ("Tomas Reiner", "position", "Pixelgrid", None, "current"),
            ("Tomas Reiner", "position", "Pixelgrid", None, "former"),
            ("Tomas Reiner", "position", "Lumora Systems games division|Lumora Systems", None, "current"),
            ("Clara Voss", "position", "Pixelgrid", None, "current"),
            ("Clara Voss", "position", "Ubisoft", None, "former"),
            ("Clara Voss", "reporting", "Mark Ellison", None, "current"),
            ("Mark Ellison", "position", "Lumora Systems", None, "current"),
            ("Sequoia Capital", "ownership", "Lumora Systems", None, "current"),
            ("Tencent", "ownership", "Lumora Systems", None, "current"),
            ("Lumora Systems", "ownership", "Lumopay", None, "dissolved"),
            ("Adyen", "ownership", "Lumopay", None, "dissolved"),
        ),
        also=(
            ("Lumora Systems", "ownership", "Lumora Systems games division", None, "current"),
            ("Lumora Systems", "ownership", "Pixelgrid", None, "current"),
        ),
        floors=(1.0, 1.0),
    ),
    Article(
        "press-release-media",
        "NEW YORK--(BUSINESS WIRE)--Crestline Media Group (NYSE: CMG) today announced that it has completed "
        "the acquisition of Harbor Radio Network from Bellweather Capital. Harbor Radio Network will "
        "operate as a wholly owned subsidiary of Crestline.\n\n"
        "\u201cWe are thrilled to welcome Harbor\u2019s 40 stations,\u201d said Dana Whitfield, President "
        "and Chief Executive Officer of Crestline Media Group.\n\n"
        "Harbor\u2019s current chief executive, Luis Ortega, will continue to lead the network and will "
        "report to Whitfield. Crestline also announced the appointment of Priya Nair as Chief Financial "
        "Officer, effective July 1. Nair succeeds Robert Chen, who is retiring.\n\n"
        "The Federal Communications Commission approved the transfer of Harbor\u2019s broadcast licenses "
        "in May.\n\n"
        "About Crestline Media Group\n"
        "Crestline Media Group is a diversified media company. Crestline is majority-owned by the "
        "Whitfield family.\n",
        (
            ("Crestline Media Group", "ownership", "Harbor Radio Network", 100, "current"),
            ("Bellweather Capital", "ownership", "Harbor Radio Network", None, "former"),
            ("Dana Whitfield", "position", "Crestline Media Group", None, "current"),
            ("Luis Ortega", "position", "Harbor Radio Network", None, "current"),
            ("Luis Ortega", "reporting", "Dana Whitfield", None, "planned"),
            ("Priya Nair", "position", "Crestline Media Group", None, None),
            ("Robert Chen", "position", "Crestline Media Group", None, None),
            ("Federal Communications Commission", "licence", "Harbor Radio Network", None, None),
            ("Whitfield family|Whitfield", "ownership", "Crestline Media Group", (50, 100), "current"),
        ),
        also=(
            ("Crestline Media Group", "ownership", "Harbor Radio Network", None, "current"),
        ),
        floors=(0.65, 0.85),
    ),
    Article(
        "wire-energy",
        "Solvik Energy sells North Sea gas stake to Orlen unit\n\n"
        "STAVANGER, Norway, Sept 4 - Solvik Energy has sold its 25% stake in Hild Gas AS to Petronor, a "
        "unit of Polish refiner Orlen, the company said on Wednesday.\n\n"
        "Solvik, which is 67% owned by the Norwegian government, bought the stake from TotalEnergies in "
        "2015. Petronor now holds 75% of Hild Gas, with the remaining quarter owned by Equinor.\n\n"
        "Solvik chief executive Ingrid Moe, who took over from Lars Berg in 2020, said the group would "
        "focus on offshore wind. Berg had led the company since 2011.\n\n"
        "The Norwegian Petroleum Directorate granted Petronor a production licence for the neighbouring "
        "Frigg field last year.\n",
        (
            ("Solvik Energy", "ownership", "Hild Gas AS", 25, "former"),
            ("Petronor", "ownership", "Hild Gas AS", 75, "current"),
            ("Orlen", "ownership", "Petronor", None, "current"),
            ("Norwegian government", "ownership", "Solvik Energy", 67, "current"),
            ("TotalEnergies", "ownership", "Hild Gas AS", 25, "former"),
            ("Equinor", "ownership", "Hild Gas AS", 25, "current"),
            ("Ingrid Moe", "position", "Solvik Energy", None, "current"),
            ("Lars Berg", "position", "Solvik Energy", None, "former"),
            ("Norwegian Petroleum Directorate", "licence", "Petronor", None, "current"),
        ),
        also=(
            ("Petronor", "ownership", "Hild Gas AS", 25, "current"),
            ("Solvik Energy", "ownership", "Hild Gas AS", 25, "current"),
        ),
        floors=(0.85, 1.0),
    ),
    Article(
        "magazine-football",
        "Ownership shake-up at Rovers\n\n"
        "Portside Rovers, the English second-tier football club, has a new majority owner. American "
        "investment group Calder Sports Partners has agreed to acquire a 75% stake in the club from local "
        "businessman Gareth Pryce, who bought Rovers in 2012.\n\n"
        "Pryce will retain a 25% stake and remain honorary president. The deal still needs to be approved "
        "by the English Football League.\n\n"
        "Calder, which also owns Dutch side FC Zeewolde, is led by former Goldman Sachs banker Michael "
        "Hart. Rovers manager Steve Dunn, who signed a new contract in March, said he was excited. The "
        "club's women's team, Portside Rovers Women, was disbanded in 2019 for financial reasons.\n",
        (
            ("Calder Sports Partners", "ownership", "Portside Rovers", 75, "planned"),
            ("Gareth Pryce", "ownership", "Portside Rovers", None, "current"),
            ("Calder Sports Partners", "ownership", "FC Zeewolde", None, "current"),
            ("Michael Hart", "position", "Calder Sports Partners", None, "current"),
            ("Michael Hart", "position", "Goldman Sachs", None, "former"),
            ("Steve Dunn", "position", "Portside Rovers", None, "current"),
            ("Portside Rovers", "ownership", "Portside Rovers Women", None, "dissolved"),
        ),
        also=(
            ("Gareth Pryce", "ownership", "Portside Rovers", 25, None),
            ("Gareth Pryce", "position", "Portside Rovers", None, None),
            ("English Football League", "licence", "Portside Rovers", None, None),
            ("Calder Sports Partners", "ownership", "Portside Rovers", (50, 100), "planned"),
        ),
        floors=(1.0, 1.0),
    ),
    Article(
        "magazine-family-business",
        "The Brandt family has run Brandt M\u00f6bel for four generations. Today the furniture maker is "
        "controlled by Karl Brandt, 71, and his daughter Eva Brandt, who became chief executive in 2018 "
        "after her brother Jonas Brandt stepped down as managing director.\n\n"
        "The family holds 80% of the company through Brandt Holding GmbH, a family investment vehicle; the "
        "remaining 20% belongs to private equity fund Nordlicht Capital, which bought in in 2016.\n\n"
        "In 2021 Brandt M\u00f6bel set up a joint venture with Swedish retailer Hemma, Brandt Hemma AB, in "
        "which each partner holds 50%. Its Polish factory subsidiary, Brandt Polska, was sold to Hemma in "
        "2023.\n",
        (
            ("Karl Brandt", "ownership", "Brandt M\u00f6bel", None, "current"),
            ("Eva Brandt", "ownership", "Brandt M\u00f6bel", None, "current"),
            ("Eva Brandt", "position", "Brandt M\u00f6bel", None, "current"),
            ("Jonas Brandt", "position", "Brandt M\u00f6bel", None, "former"),
            ("Brandt Holding GmbH", "ownership", "Brandt M\u00f6bel", 80, "current"),
            ("Nordlicht Capital", "ownership", "Brandt M\u00f6bel", 20, "current"),
            ("Brandt M\u00f6bel", "ownership", "Brandt Hemma AB", 50, "current"),
            ("Hemma", "ownership", "Brandt Hemma AB", 50, "current"),
            ("Brandt M\u00f6bel", "ownership", "Brandt Polska", None, "former"),
            ("Hemma", "ownership", "Brandt Polska", None, "current"),
        ),
        also=(
            ("Karl Brandt", "ownership", "Brandt M\u00f6bel", (50, 100), "current"),
            ("Eva Brandt", "ownership", "Brandt M\u00f6bel", (50, 100), "current"),
            ("Brandt M\u00f6bel", "ownership", "Brandt Hemma AB", None, "current"),
            ("Hemma", "ownership", "Brandt Hemma AB", None, "current"),
        ),
        floors=(0.5, 1.0),
    ),
    Article(
        "wire-regulator",
        "Kenya revokes Tembo Mobile licence over unpaid fees\n\n"
        "NAIROBI, Feb 8 - The Communications Authority of Kenya has revoked the operating licence of Tembo "
        "Mobile, a loss-making carrier owned by Mauritius-based Savanna Holdings, citing unpaid fees.\n\n"
        "The regulator also approved Airtel Kenya's application to use additional spectrum.\n\n"
        "Tembo Mobile's chief executive, Joseph Kamau, said the company would appeal. Kamau joined Tembo "
        "from Safaricom in 2017.\n\n"
        "Savanna Holdings, which acquired Tembo Mobile in 2014 for $60 million, is controlled by the Mehta "
        "family.\n",
        (
            ("Communications Authority of Kenya", "licence", "Tembo Mobile", None, "former"),
            ("Savanna Holdings", "ownership", "Tembo Mobile", None, "current"),
            ("Communications Authority of Kenya", "licence", "Airtel Kenya", None, "current"),
            ("Joseph Kamau", "position", "Tembo Mobile", None, "current"),
            ("Joseph Kamau", "position", "Safaricom", None, "former"),
            ("Mehta family|Mehta", "ownership", "Savanna Holdings", (50, 100), "current"),
        ),
        floors=(1.0, 1.0),
    ),
    Article(
        "wire-chips",
        "Vantage Semiconductor plans to acquire Israeli chip designer Arbel Micro for $1.2 billion, the "
        "companies said on Monday, in a deal that would give Vantage control of Arbel's automotive sensor "
        "business.\n\n"
        "Arbel Micro is currently 40% owned by venture firm Pelican Ventures and 15% owned by its co-founder "
        "and chief executive, Yael Stern, who will become a senior vice president at Vantage after the deal "
        "closes.\n\n"
        "Vantage, a spin-off of Hollis Industries, was listed in 2018; Hollis kept a 10% stake until 2021. "
        "Arbel has also received a grant from the Israel Innovation Authority.\n",
        (
            ("Vantage Semiconductor", "ownership", "Arbel Micro", None, "planned"),
            ("Pelican Ventures", "ownership", "Arbel Micro", 40, "current"),
            ("Yael Stern", "ownership", "Arbel Micro", 15, "current"),
            ("Yael Stern", "position", "Arbel Micro", None, "current"),
            ("Yael Stern", "position", "Vantage Semiconductor", None, "planned"),
            ("Hollis Industries", "ownership", "Vantage Semiconductor", 10, "former"),
        ),
        also=(
            ("Vantage Semiconductor", "ownership", "Arbel Micro", (50, 100), "planned"),
            ("Hollis Industries", "ownership", "Vantage Semiconductor", None, "former"),
        ),
        floors=(0.8, 1.0),
    ),
    Article(
        "magazine-fintech",
        "Fintech lender Brightpath, backed by Atlas Ventures and Japan's Mizuho Financial Group, has hired "
        "former Barclays executive Helen Cho as its chief risk officer. Cho, who spent a decade at Barclays, "
        "will report to chief executive Omar Haddad.\n\n"
        "Brightpath was spun out of Redwood Bank in 2020; Redwood retains a minority stake. The Financial "
        "Conduct Authority granted Brightpath a full banking licence in January.\n\n"
        "Haddad previously ran the consumer lending unit of HSBC.\n",
        (
            ("Atlas Ventures", "ownership", "Brightpath", None, "current"),
            ("Mizuho Financial Group", "ownership", "Brightpath", None, "current"),
            ("Helen Cho", "position", "Brightpath", None, "current"),
            ("Helen Cho", "position", "Barclays", None, "former"),
            ("Helen Cho", "reporting", "Omar Haddad", None, "planned"),
            ("Omar Haddad", "position", "Brightpath", None, "current"),
            ("Redwood Bank", "ownership", "Brightpath", (0, 50), "current"),
            ("Financial Conduct Authority", "licence", "Brightpath", None, "current"),
            ("Omar Haddad", "position", "HSBC consumer lending unit|HSBC", None, "former"),
        ),
        also=(
            ("HSBC", "ownership", "HSBC consumer lending unit", None, None),
        ),
        floors=(0.65, 1.0),
    ),
]


def _names(written: str) -> set[str]:
    return {name_key(name) for name in written.split("|")}


def matches(proposal, fact: tuple) -> bool:
    """Does ``proposal`` state ``fact``: relation, ends, share (exact or range) and status agree?"""
    subject, relation, object_, share, status = fact
    if proposal.relation != relation or status not in (None, proposal.status):
        return False
    if name_key(proposal.subject) not in _names(subject) or name_key(proposal.object) not in _names(object_):
        return False
    if share is None:
        return True
    low, high = share if isinstance(share, tuple) else (share, share)
    return proposal.share_min == low and proposal.share_max == high


def scores(article: Article, proposals) -> tuple[float, float, int, int, int, int]:
    """(recall, precision, found, facts, right, proposed) of one article's proposals."""
    found = sum(any(matches(p, fact) for p in proposals) for fact in article.facts)
    right = sum(any(matches(p, fact) for fact in (*article.facts, *article.also)) for p in proposals)
    recall = found / len(article.facts)
    precision = right / len(proposals) if proposals else 1.0
    return recall, precision, found, len(article.facts), right, len(proposals)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.name)
def test_article_recall_and_precision(article):
    proposals = propose(article.text)
    recall, precision, *_ = scores(article, proposals)
    misses = [fact for fact in article.facts if not any(matches(p, fact) for p in proposals)]
    wrong = [(p.subject, p.relation, p.object, p.share_min, p.status, p.quote) for p in proposals
             if not any(matches(p, fact) for fact in (*article.facts, *article.also))]
    assert recall >= article.floors[0], misses
    assert precision >= article.floors[1], wrong


def test_the_whole_set():
    found = facts = right = proposed = 0
    for article in ARTICLES:
        counts = scores(article, propose(article.text))
        article_found, article_facts, article_right, article_proposed = counts[2:]
        found, facts, right, proposed = (found + article_found, facts + article_facts, right + article_right,
                                         proposed + article_proposed)
    assert found / facts >= 0.8 and right / proposed >= 0.95, (found, facts, right, proposed)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.name)
def test_every_quote_is_its_offsets(article):
    for proposal in propose(article.text):
        start, end = proposal.offset
        assert article.text[start:end] == proposal.quote, proposal


def main() -> None:
    totals = [0, 0, 0, 0]
    print(f"{'article':<26} {'recall':>14} {'precision':>14}")
    for article in ARTICLES:
        proposals = propose(article.text)
        recall, precision, found, facts, right, proposed = scores(article, proposals)
        totals = [totals[0] + found, totals[1] + facts, totals[2] + right, totals[3] + proposed]
        print(f"{article.name:<26} {recall:>5.2f} ({found:>2}/{facts:>2}) "
              f"{precision:>5.2f} ({right:>2}/{proposed:>2})")
        if "-v" in sys.argv:
            for p in proposals:
                mark = "+" if any(matches(p, f) for f in (*article.facts, *article.also)) else "-"
                print(f"   {mark} {p.subject} --{p.relation} {p.share_min}-{p.share_max} [{p.status}] "
                      f"{p.start_date or ''}--> {p.object}  ({p.rule}) {p.quote!r}")
            for fact in article.facts:
                if not any(matches(p, fact) for p in proposals):
                    print(f"   MISSED {fact}")
    found, facts, right, proposed = totals
    print(f"{'all':<26} {found / facts:>5.2f} ({found:>2}/{facts:>2}) {right / proposed:>5.2f} "
          f"({right:>2}/{proposed:>2})")


if __name__ == "__main__":
    main()

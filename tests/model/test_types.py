"""Shares, dates and the kinds of relationship two entities allow."""

import pytest

from model.errors import InvalidValueError
from model.types import Entity, FuzzyDate, Relationship, Share, allowed_kinds


@pytest.mark.parametrize("text, low, high, shown", [
    ("29.5", 29.5, 29.5, "29.5"), ("29.5%", 29.5, 29.5, "29.5"), ("25-50", 25, 50, "25-50"),
    (" 25 – 50 % ", 25, 50, "25-50"), ("", None, None, ""), ("0", 0, 0, "0"), ("100", 100, 100, "100"),
])
def test_share_parses_what_people_write(text, low, high, shown):
    share = Share.parse(text)
    assert (share.low, share.high, share.text) == (low, high, shown)


@pytest.mark.parametrize("text, reason", [
    ("150", "between 0 and 100"), ("-1", "between 0 and 100"), ("50-25", "low to high"),
    ("lots", "not a share"), ("nan", "must be a number"),
])
def test_share_refuses_nonsense_with_a_reason(text, reason):
    with pytest.raises(InvalidValueError, match=reason):
        Share.parse(text)


def test_undisclosed_share_reads_as_such_on_the_line():
    rel = Relationship("r", "ownership", "a", "b", Share(), "backed")
    assert rel.label == "backed, size undisclosed"
    assert Relationship("r", "ownership", "a", "b", Share(25, 50)).label == "25-50%"


@pytest.mark.parametrize("value, precision", [("2016", "year"), ("2020-01", "month"), ("2020-04-23", "day")])
def test_date_precision_follows_what_is_known(value, precision):
    assert FuzzyDate(value).precision == precision


@pytest.mark.parametrize("value", ["2020-13", "2020-02-30", "April 2020", "20"])
def test_bad_dates_are_refused(value):
    with pytest.raises(InvalidValueError):
        FuzzyDate(value)


def test_entity_needs_a_name_and_a_known_kind():
    with pytest.raises(InvalidValueError, match="needs a name"):
        Entity("a", "  ")
    with pytest.raises(InvalidValueError, match="not an entity kind"):
        Entity("a", "A", "spaceship")


def test_only_sensible_kinds_between_two_entities():
    assert allowed_kinds("person", "company") == ["ownership", "position"]
    assert allowed_kinds("authority", "bank") == ["ownership", "licence"]
    assert allowed_kinds("company", "person") == []


def test_only_ownership_carries_a_share():
    with pytest.raises(InvalidValueError, match="has no share"):
        Relationship("r", "position", "a", "b", Share.exact(10))

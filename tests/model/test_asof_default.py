"""The default as-of date of a document: its latest relationship start or end, not today."""

import datetime

from model.asof import default_as_of
from model.document import Document
from model.formats.projectfile import load
from tests.conftest import SEED


def test_the_seed_opens_on_its_latest_dated_fact():
    assert default_as_of(load(SEED)) == datetime.date(2020, 4, 23)  # Zhao Weixing's appointment


def test_an_undated_document_has_no_default_date():
    assert default_as_of(Document()) is None

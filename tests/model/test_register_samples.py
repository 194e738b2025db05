"""Real register samples (../shared/data/bods/v0.4/bods-validator) indexed on SQLite and PostgreSQL.

The four files map the UK's PSC register, France's RNE, Indonesia's AHU and Norway's BRREG to BODS
0.4; indexed together they raise no problem, and the neighbourhoods read from the store are what
the files say.
"""

from __future__ import annotations

import pytest

from model import checks
from model.register.indexing import index_files
from model.register.piece import piece_document
from model.register.queries import neighbourhood, search

SAMPLES = ("data", "bods", "v0.4", "bods-validator")


@pytest.fixture
def samples(store, shared_dir):
    files = sorted((shared_dir.joinpath(*SAMPLES)).glob("*.json"))
    if not files:
        pytest.skip("the register samples are absent from ../shared")
    report = index_files(store, [str(path) for path in files])
    return store, report


def shares_up(store, record_id) -> dict[str, tuple]:
    """Each direct holder's name and (share low, share high, an ownership?) of the record."""
    piece = neighbourhood(store, record_id, hops=1, direction="up")
    rows = store.rows("SELECT l.party, r.name, l.share_low, l.share_high, l.ownership FROM links l "
                      "JOIN records r ON r.record_id = l.party WHERE l.subject = ?", (record_id,))
    assert {party for party, *_ in rows} == set(piece.hops) - {record_id}
    return {name: (low, high, bool(ownership)) for _, name, low, high, ownership in rows}


def test_the_samples_index_without_problems(samples):
    _, report = samples
    assert (report.read, report.indexed, report.bad, report.duplicates) == (30, 30, 0, 0)


def test_ferd_is_owned_as_norway_says(samples):
    store, _ = samples
    [hit] = search(store, "ferd")
    assert hit.name == "FERD AS"
    assert shares_up(store, hit.record_id) == {
        "JOHAN HENRIK ANDRESEN": (50.0, 75.0, True),
        "KATHARINA KVASNES ANDRESEN": (25.0, 50.0, True),
        "ALEXANDRA ANDRESEN-THOMPSON": (25.0, 50.0, True),
        "Intermediary entity (org.nr. 921903766)": (25.0, 50.0, True),
        "Intermediary entity (org.nr. 921903553)": (25.0, 50.0, True)}
    two = neighbourhood(store, hit.record_id, hops=2, direction="up")
    assert len(two.hops) == 6 and two.cut == 0 and two.note == ""


def test_greenfield_is_held_as_the_uk_psc_register_says(samples):
    store, _ = samples
    [hit] = search(store, "12345678")  # its Companies House number
    assert hit.name == "GREENFIELD ENERGY HOLDINGS LTD"
    assert shares_up(store, hit.record_id) == {"Mrs Sarah Elizabeth Turner": (75.0, 100.0, True),
                                               "GREENFIELD VENTURES LLP": (None, None, False)}


def test_a_french_piece_reads_as_a_document_citing_the_register(samples):
    store, _ = samples
    assert sorted((h.name, h.kind) for h in search(store, "dupont")) == [
        ("Marie Claire Dupont", "person"), ("SARL DUPONT TECHNOLOGIES", "company"),
        ("SCI DUPONT PATRIMOINE", "company")]
    piece = neighbourhood(store, "fr-entity-sarl-dupont", hops=1, direction="up")
    doc, _ = piece_document(store, piece, "Dupont")
    assert {e.name for e in doc.entities()} == {"SARL DUPONT TECHNOLOGIES", "SCI DUPONT PATRIMOINE",
                                                "Marie Claire Dupont", "Jean Pierre Martin"}
    held = {doc.entity(r.subject).name: r.share.text for r in doc.relationships() if r.share.disclosed}
    assert held["Jean Pierre Martin"] == "30" and held["SCI DUPONT PATRIMOINE"] == "10"
    assert all(any("france-rne-bods-0.4.json" in c.quote for c in item.citations)
               for item in [*doc.entities(), *doc.relationships()])


def test_a_piece_from_the_register_raises_no_uncited_warnings(samples):
    """The statement that names an entity also states its identifiers and jurisdiction: a piece
    opened from a register must not fill the Problems pane with 'uncited' warnings."""
    store, _ = samples
    piece = neighbourhood(store, "fr-entity-sarl-dupont", hops=2)
    doc, _ = piece_document(store, piece, "Dupont")
    assert any(e.attributes for e in doc.entities())
    assert [str(p) for p in checks.check(doc) if "uncited" in p.what] == []

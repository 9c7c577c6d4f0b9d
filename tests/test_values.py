"""Value parsers: stage, date, rupiah, year, kecamatan lists, URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from lebak_dash.ingest.rules import parse_kecamatan_cell
from lebak_dash.records.schema import STAGES
from lebak_dash.records.values import (
    is_url,
    parse_date,
    parse_rupiah,
    parse_stage,
    parse_year,
    safe_href,
    split_kecamatan,
)

D = dt.date


# ------------------------------------------------------------------------------------ stages
STAGES_ACCEPTED = [
    *[(s, s) for s in STAGES],
    *[(s.upper(), s) for s in STAGES],
    *[(s.lower(), s) for s in STAGES],
    ("drum up", "Drum-up"),
    ("DRUM-UP", "Drum-up"),
    ("Drumup", "Drum-up"),
    ("Drum - Up", "Drum-up"),
    (" drum\u00a0up ", "Drum-up"),
    ("Dis play", "Display"),
    ("Deliver", "Delivery"),
    ("deliver", "Delivery"),
    ("DELIVER", "Delivery"),
    *[(str(n), s) for n, s in enumerate(STAGES, start=1)],
    *[(f"{n}.", s) for n, s in enumerate(STAGES, start=1)],
    *[(f"{n}. {s}", s) for n, s in enumerate(STAGES, start=1)],
    *[(f"{n}.{s}", s) for n, s in enumerate(STAGES, start=1)],
    ("3 Design", "Design"),
    ("3) Design", "Design"),
    ("3 - Design", "Design"),
    ("4.0", "Delivery"),  # a number cell
    ("2 - Diagnose", "Diagnose"),
    ("1. drum up", "Drum-up"),
]


def test_stage_accepted():
    assert [(text, parse_stage(text).stage) for text, _ in STAGES_ACCEPTED] == STAGES_ACCEPTED


NOT_STAGES = ["Selesai", "0", "6", "10", "3.5", "Desain", "Delivered", "Design 3", "", "Tahap"]


def test_stage_unknown():
    assert [(t, parse_stage(t).stage, parse_stage(t).conflict_number) for t in NOT_STAGES] == [
        (t, None, None) for t in NOT_STAGES
    ]


@pytest.mark.parametrize(("text", "number"), [("3. Delivery", 3), ("1 - Display", 1), ("5 Drum-up", 5)])
def test_stage_number_and_name_disagree(text, number):
    result = parse_stage(text)
    assert result.stage is None and result.conflict_number == number


# ------------------------------------------------------------------------------------- dates
DATES_ACCEPTED = [
    ("2018-11-28 00:00:00", D(2018, 11, 28)),  # how an Excel date cell arrives from xlsx/xls
    ("2019-01-05T13:30:00", D(2019, 1, 5)),  # how a date-time arrives from ods
    ("2019-01-05 13:30:00.250", D(2019, 1, 5)),
    ("2018-11-28", D(2018, 11, 28)),
    ("43432", D(2018, 11, 28)),  # Excel serial number
    ("43432.0", D(2018, 11, 28)),
    ("43432.75", D(2018, 11, 28)),
    ("28/11/2018", D(2018, 11, 28)),
    ("5/8/2019", D(2019, 8, 5)),
    ("05/08/2019", D(2019, 8, 5)),
    ("28-11-2018", D(2018, 11, 28)),
    ("28.11.2018", D(2018, 11, 28)),
    ("28/11/18", D(2018, 11, 28)),
    ("28 November 2018", D(2018, 11, 28)),
    ("5 Agustus 2019", D(2019, 8, 5)),
    ("Mei 2019", D(2019, 5, 1)),
    ("mei 2019", D(2019, 5, 1)),
    ("MEI 2019", D(2019, 5, 1)),
    ("1 Januari 2019", D(2019, 1, 1)),
    ("14 Februari 2020", D(2020, 2, 14)),
    ("3 Pebruari 2020", D(2020, 2, 3)),
    ("17 Maret 2020", D(2020, 3, 17)),
    ("21 April 2021", D(2021, 4, 21)),
    ("1 Juni 2021", D(2021, 6, 1)),
    ("17 Juli 2021", D(2021, 7, 17)),
    ("17 Agt 2021", D(2021, 8, 17)),
    ("1 September 2021", D(2021, 9, 1)),
    ("1 Oktober 2021", D(2021, 10, 1)),
    ("28 Nopember 2018", D(2018, 11, 28)),
    ("28 Nov 2018", D(2018, 11, 28)),
    ("28 Nov. 2018", D(2018, 11, 28)),
    ("25 Desember 2022", D(2022, 12, 25)),
    ("Senin, 28 November 2018", D(2018, 11, 28)),
    ("28\u00a0November\u00a02018", D(2018, 11, 28)),
]


def test_date_accepted():
    assert [(text, parse_date(text)) for text, _ in DATES_ACCEPTED] == DATES_ACCEPTED


NOT_DATES = ["", "kemarin", "31/02/2019", "2019", "12345", "99999", "November 28, 2018", "32 Mei 2019", "Mei"]


def test_date_not_recognised():
    assert [(text, parse_date(text)) for text in NOT_DATES] == [(text, None) for text in NOT_DATES]


# ------------------------------------------------------------------------------------ rupiah
RUPIAH_ACCEPTED = [
    ("Rp 15.000.000", 15_000_000),
    ("15.000.000", 15_000_000),
    ("Rp15.000.000,00", 15_000_000),
    ("Rp. 15.000.000,-", 15_000_000),
    ("Rp\u00a015.000.000", 15_000_000),
    ("  Rp  15.000.000  ", 15_000_000),
    ("15000000", 15_000_000),  # a number cell
    ("15000000.0", 15_000_000),
    ("1.5e7", 15_000_000),
    ("2500000", 2_500_000),
    ("Rp 1.500", 1_500),
    ("Rp 0", 0),
    ("15,000,000", 15_000_000),
    ("IDR 15,000,000", 15_000_000),
    ("Rp 1,5 juta", 1_500_000),
    ("Rp 15 juta", 15_000_000),
    ("Rp 2 miliar", 2_000_000_000),
    ("1.234.567,89", 1_234_567.89),
]


def test_rupiah_accepted():
    assert [(text, parse_rupiah(text)) for text, _ in RUPIAH_ACCEPTED] == [
        (text, pytest.approx(amount)) for text, amount in RUPIAH_ACCEPTED
    ]


NOT_RUPIAH = ["", "-", "Rp -", "gratis", "Rp 15.000.000 + 5.000", "1e20", "12.34.56"]


def test_rupiah_not_recognised():
    assert [(text, parse_rupiah(text)) for text in NOT_RUPIAH] == [(text, None) for text in NOT_RUPIAH]


# -------------------------------------------------------------------------------------- year
YEARS_ACCEPTED = [("2019", 2019), ("2019.0", 2019), (" 2020 ", 2020), ("2000", 2000)]


def test_year_accepted():
    assert [(text, parse_year(text)) for text, _ in YEARS_ACCEPTED] == YEARS_ACCEPTED


NOT_YEARS = ["1999", "2101", "19", "dua ribu", "2019/2020", ""]


def test_year_rejected():
    assert [(text, parse_year(text)) for text in NOT_YEARS] == [(text, None) for text in NOT_YEARS]


# -------------------------------------------------------------------------------- kecamatan
KECAMATAN_SPLITS = [
    ("Maja, Cibadak", ["Maja", "Cibadak"]),
    ("Maja; Cibadak", ["Maja", "Cibadak"]),
    ("Maja/Cibadak", ["Maja", "Cibadak"]),
    ("Maja\nCibadak", ["Maja", "Cibadak"]),
    ("Maja\r\nCibadak", ["Maja", "Cibadak"]),
    ("Maja dan Cibadak", ["Maja", "Cibadak"]),
    ("Maja DAN Cibadak", ["Maja", "Cibadak"]),
    ("Maja, Cibadak dan Sajira / Bayah", ["Maja", "Cibadak", "Sajira", "Bayah"]),
    ("Maja,", ["Maja"]),
    ("Pandanwangi", ["Pandanwangi"]),  # 'dan' inside a word does not split
]


def test_split_kecamatan():
    assert [(text, split_kecamatan(text)) for text, _ in KECAMATAN_SPLITS] == KECAMATAN_SPLITS


KECAMATAN_NAMES = [
    ("Rangkas Bitung", ("Rangkasbitung",)),
    ("Kec. Maja", ("Maja",)),
    ("Kecamatan Maja", ("Maja",)),
    ("KEC MAJA", ("Maja",)),
    ("kec.maja", ("Maja",)),
    ("Kecamatan Rangkasbitung dan Kecamatan Maja", ("Rangkasbitung", "Maja")),
    ("Gunung Kencana", ("Gunungkencana",)),
    ("Malimping", ("Malingping",)),
    ("Maja, Maja", ("Maja",)),
    ("Maja\nCibadak", ("Maja", "Cibadak")),
]


def test_kecamatan_names_resolve(reference):
    assert [(text, parse_kecamatan_cell(text, reference)) for text, _ in KECAMATAN_NAMES] == [
        (text, (names, (), False)) for text, names in KECAMATAN_NAMES
    ]


KABUPATEN_WIDE_TEXTS = [
    "Semua Kecamatan",
    "SEMUA KECAMATAN",
    "Seluruh Kecamatan",
    "Kabupaten",
    "Kabupaten Lebak",
    "Se-Kabupaten Lebak",
    "se-kabupaten lebak",
    "Seluruh Kabupaten Lebak",
    "seluruh kecamatan se-Kabupaten Lebak",
    "28 Kecamatan",
]


def test_kabupaten_wide_phrases(reference):
    wide = ("Semua Kecamatan",), (), False
    assert [(t, parse_kecamatan_cell(t, reference)) for t in KABUPATEN_WIDE_TEXTS] == [
        (t, wide) for t in KABUPATEN_WIDE_TEXTS
    ]


def test_unknown_kecamatan_kept_as_written(reference):
    assert parse_kecamatan_cell("Maja, Atlantis", reference) == (("Maja", "Atlantis"), ("Atlantis",), False)


def test_kabupaten_wide_mixed_with_names(reference):
    assert parse_kecamatan_cell("Maja, Semua Kecamatan", reference) == (("Semua Kecamatan",), (), True)


# --------------------------------------------------------------------------------------- url
URLS = [
    ("https://lebakkab.go.id", "https://lebakkab.go.id"),
    ("http://x.id/a?b=1", "http://x.id/a?b=1"),
    ("www.lebakkab.go.id", "https://www.lebakkab.go.id"),
    ("javascript:alert(1)", None),
    ("lebakkab.go.id", None),
    ("https://x.id/<script>", None),
]


def test_urls():
    assert [(text, safe_href(text), is_url(text)) for text, _ in URLS] == [
        (text, href, href is not None) for text, href in URLS
    ]

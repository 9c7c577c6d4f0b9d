"""Value parsers: stage (5D and IID), date, rupiah, year, score, coordinates, Pemda, OPD logins, kecamatan, URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from lebak_dash.ingest.rules import parse_kecamatan_cell
from lebak_dash.records.coordinates import in_indonesia, parse_coordinates, parse_degrees
from lebak_dash.records.schema import STAGES
from lebak_dash.records.values import (
    is_url,
    names_region,
    parse_date,
    parse_iid_stage,
    parse_rupiah,
    parse_score,
    parse_stage,
    parse_year,
    safe_href,
    split_kecamatan,
    strip_login,
    suggest_stage,
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


# -------------------------------------------------------------------------------- IID stages
IID_ACCEPTED = [
    ("Inisiatif", "Inisiatif"), ("INISIATIF", "Inisiatif"), ("inisiasi", "Inisiatif"), ("Uji Coba", "Uji Coba"),
    ("Ujicoba", "Uji Coba"), ("uji-coba", "Uji Coba"), (" UJI  COBA ", "Uji Coba"), ("Penerapan", "Penerapan"),
    ("penerapan", "Penerapan"), ("Implementasi", "Penerapan"), ("Design", None), ("Selesai", None), ("", None),
]  # fmt: skip


def test_iid_stages():
    assert [(text, parse_iid_stage(text)) for text, _ in IID_ACCEPTED] == IID_ACCEPTED


STAGE_SUGGESTIONS = [("Desain", "Design"), ("Penerapn", "Penerapan"), ("uji cob", "Uji Coba"), ("Dsplay", "Display"),
                     ("Drumup!", "Drum-up"), ("zzz", None), ("", None)]  # fmt: skip


def test_nearest_stage_is_suggested():
    assert [(text, suggest_stage(text)) for text, _ in STAGE_SUGGESTIONS] == STAGE_SUGGESTIONS


# ------------------------------------------------------------------------------- coordinates
COORDINATES = [
    # decimal points, as IID's export holds most of them
    ("-7.60739065953564, 112.54078722662341", (-7.60739065953564, 112.54078722662341)),
    ("-6.35,106.25", (-6.35, 106.25)),
    ("(-7.4367614, 112.7201938)", (-7.4367614, 112.7201938)),
    ("-7.328803,112.7247334,", (-7.328803, 112.7247334)),
    # decimal commas
    ("-7,325387, 112,731079", (-7.325387, 112.731079)),
    (" -8,1026340,111,8961928", (-8.102634, 111.8961928)),
    # degrees-minutes-seconds, with the hemisphere letter (S/E, or LS/BT)
    ("7°44'4.50\"S 113°13'15.83\"E", (-(7 + 44 / 60 + 4.5 / 3600), 113 + 13 / 60 + 15.83 / 3600)),
    ("7°17'21\"S 112°46'05\"E", (-(7 + 17 / 60 + 21 / 3600), 112 + 46 / 60 + 5 / 3600)),
    ("6°21'0\" LS 106°15'0\" BT", (-6.35, 106.25)),
    ("7.8718715°S 112.5231250°E", (-7.8718715, 112.523125)),
    ("106°15'E 6°21'S", (-6.35, 106.25)),  # longitude first, told by the letters
    # Lintang / Bujur, Lat / Long
    ("Lintang: -7.407700000000, Bujur: 111.440100000000", (-7.4077, 111.4401)),
    ("Lintang: -7.4322 Bujur: 111.4651", (-7.4322, 111.4651)),
    ("Lat -7.054327° Long 112.033387°", (-7.054327, 112.033387)),
    # map links
    ("https://www.google.com/maps/place/SMKN+1/@-7.9981692,111.8179362,17z/data=!4m6", (-7.9981692, 111.8179362)),
    ("https://maps.google.com/?q=-6.35,106.25", (-6.35, 106.25)),
    ("https://maps.google.com/?q=-6.35%2C106.25", (-6.35, 106.25)),
    # anything else
    ("Jalan Ringroad Barat 63125 Madiun", None),
    ("https://maps.app.goo.gl/F9HVmxVGFG1dipgU6", None),
    ("WW92+7M Beji, Kabupaten Tulungagung", None),
    ("-7.6727.111.7034", None),
    ("lintang -7. dan bujur 111", None),
    ("", None),
]


def test_coordinates():
    got = [(text, parse_coordinates(text)) for text, _ in COORDINATES]
    rounded = [(text, None if p is None else (round(p[0], 6), round(p[1], 6))) for text, p in got]
    expected = [(text, None if p is None else (round(p[0], 6), round(p[1], 6))) for text, p in COORDINATES]
    assert rounded == expected


def test_degrees_and_bounds():
    cells = ["-6,35", "106.25", " 106.25° ", "-11", "utara", ""]
    assert [parse_degrees(c) for c in cells] == [-6.35, 106.25, 106.25, -11.0, None, None]
    points = [(-6.35, 106.25), (6.0, 95.0), (-11.0, 141.0), (106.25, -6.35), (-7.0, 94.9), (6.1, 110.0)]
    assert [in_indonesia(*p) for p in points] == [True, True, True, False, False, False]


# --------------------------------------------------------------------- score, Pemda, logins
def test_score_pemda_and_login():
    scores = ["85", "92,5", "0", "-1", "tinggi", "1e3"]
    assert [parse_score(s) for s in scores] == [85.0, 92.5, 0.0, None, None, None]
    regions = ["Kabupaten Lebak", "Pemkab Lebak", "Kab. Lebak", "LEBAK", "Pemerintah Kabupaten Lebak",
               "Provinsi Jawa Timur", "Kabupaten Pandeglang", "Lebak Bulus Jakarta"]  # fmt: skip
    assert [names_region(r) for r in regions] == [True] * 5 + [False] * 3
    logins = {
        "Dinas Kesehatan (jatimprov.dinkes)": "Dinas Kesehatan",
        " SLB TUNAS HARAPAN III, KAB. JOMBANG  (jatimprov.dispendik.slbtunasharapanIII )": (
            " SLB TUNAS HARAPAN III, KAB. JOMBANG"
        ),
        "Dinas Sosial (Bidang Rehabilitasi)": "Dinas Sosial (Bidang Rehabilitasi)",  # words, not a login
        "(admin)": "(admin)",  # nothing would be left
        "Bappeda": "Bappeda",
    }
    assert {text: strip_login(text) for text in logins} == logins

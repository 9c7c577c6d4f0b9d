"""Each rule of the spreadsheet contract, on small workbooks built for the rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lebak_dash.config import Limits
from lebak_dash.ingest.header import HEADER_SEARCH_ROWS
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.schema import COLUMN_BY_KEY, COLUMNS, NUMBERING_HEADERS, STAGES
from lebak_dash.records.textnorm import neutralise_csv

from .helpers import HEADER, csv_bytes, data_rows, xlsx_bytes

ROW = ["Inovasi A", "Dinkes", "Design", "Maja"]
#: How the messages name what a data sheet's header needs.
REQUIRED_TEXT = "Nama Inovasi dan minimal satu dari OPD, Tahapan 5D, Tahapan IID atau Kecamatan"


def _import(data, reference, name="data.xlsx", limits=None):
    return import_workbook(data, filename=name, reference=reference, limits=limits)


def _codes(result, severity=None):
    return [i.code for i in result.issues if severity is None or i.severity == severity]


# ------------------------------------------------------------------------------- header rows
@pytest.mark.parametrize("header_row", [1, 2, 3, 7, HEADER_SEARCH_ROWS])
def test_header_found_below_title_rows(reference, header_row):
    rows = [["DAFTAR INOVASI DAERAH KABUPATEN LEBAK"]] + [[None]] * (header_row - 2) if header_row > 1 else []
    rows = [*rows, *data_rows(ROW)]
    result = _import(xlsx_bytes({"2019": rows}), reference)
    assert result.ok
    assert result.sheets[0].header_row == header_row
    assert result.records["sumber_baris"].tolist() == [header_row + 1]


@pytest.mark.parametrize("header_row", [HEADER_SEARCH_ROWS + 1, 30])
def test_header_below_row_20_is_not_searched(reference, header_row):
    rows = [["DAFTAR INOVASI"]] + [[None]] * (header_row - 2) + data_rows(ROW)
    result = _import(xlsx_bytes({"2019": rows}), reference)
    assert not result.ok
    assert _codes(result) == ["file.no_data_sheet"]
    message = result.issues[0].message()
    assert REQUIRED_TEXT in message and "20 baris pertama" in message
    assert result.skipped_sheets[0].name == "2019"


def test_title_rows_and_merged_banner_are_ignored(reference):
    rows = [["DAFTAR INOVASI DAERAH"], ["Tahun 2019"], [None], *data_rows(ROW)]
    data = xlsx_bytes({"Data": rows}, merges={"Data": ["A1:E1", "A2:E2"]})
    result = _import(data, reference)
    assert result.ok and len(result.records) == 1
    assert [i.severity for i in result.issues if i.severity != "info"] == []


def test_header_first_column_not_a(reference):
    rows = [[None, None, *r] for r in data_rows(ROW)]
    result = _import(xlsx_bytes({"Data": rows}, start_row={"Data": 4}), reference)
    assert result.sheets[0].header_row == 4
    assert result.records["nama"].tolist() == ["Inovasi A"]
    result = _import(xlsx_bytes({"Data": [[None, None, "Inovasi A", "Dinkes", "Bad", "Maja"]]}), reference)
    assert not result.ok


# ------------------------------------------------------------------------------ header aliases
ALIASES = [(c.key, h) for c in COLUMNS for h in c.all_headers]
SAMPLE_VALUE = {
    "kode": ("K-1", "K-1"),
    "nama": ("Inovasi Alias", "Inovasi Alias"),
    "opd": ("Dinkes", "Dinas Kesehatan"),
    "tahapan": ("drum up", "Drum-up"),
    "kecamatan": ("Maja / Bayah", ("Maja", "Bayah")),
    "tahapan_iid": ("uji coba", "Uji Coba"),
    "koordinat": ("-6,35, 106,25", (-6.35, 106.25)),
    "lat": ("-6.35", -6.35),
    "lon": ("106,25", 106.25),
    "pemda": ("Kabupaten Lebak", "Kabupaten Lebak"),
    "tahun": ("2019", 2019),
    "tanggal_mulai": ("28/11/2018", pd.Timestamp(2018, 11, 28)),
    "tanggal_input": ("22-07-2022", pd.Timestamp(2022, 7, 22)),
    "tanggal_pengembangan": ("2023-01-31", pd.Timestamp(2023, 1, 31)),
    "jenis": ("non digital", "Non Digital"),
    "bentuk": ("Inovasi Pelayanan Publik", "Inovasi Pelayanan Publik"),
    "inisiator": ("ASN", "ASN"),
    "inovator": ("Euis Rohaeti", "Euis Rohaeti"),
    "urusan": ("Kesehatan", "Kesehatan"),
    "urusan_lain": ("pendidikan", "pendidikan"),
    "kematangan": ("92,5", 92.5),
    "anggaran": ("Rp 15.000.000", 15_000_000),
    "deskripsi": ("Uraian singkat", "Uraian singkat"),
    "tautan": ("https://lebakkab.go.id", "https://lebakkab.go.id"),
}
VARIANTS = {
    "as_is": lambda h: h,
    "upper_colon": lambda h: f"  {h.upper()}:",
    "nbsp_double": lambda h: h.replace(" ", "\u00a0 "),
    "lower_dot": lambda h: h.lower() + ".",
    "zero_width": lambda h: "\u200b" + h + "\u200b",
}


def _read_by_alias(reference, key: str, header: str) -> tuple[bool, list[str], object, str]:
    """Import one row whose `key` column is headed `header`: (ok, extra columns, value, header kept)."""
    headers = {"nama": "Nama Inovasi", "opd": "OPD", "tahapan": "Tahapan 5D"}
    partner = {"lat": "lon", "lon": "lat"}.get(key)  # one of two coordinate columns needs the other
    if partner:
        headers[partner] = COLUMN_BY_KEY[partner].header
    values = {k: SAMPLE_VALUE[k][0] for k in headers}
    headers[key] = header
    values[key] = SAMPLE_VALUE[key][0]
    keys = list(headers)
    result = _import(csv_bytes([[headers[k] for k in keys], [values[k] for k in keys]]), reference, "x.csv")
    if not result.ok:
        return False, result.extra_columns, None, ""
    record = result.records.iloc[0]
    got = (float(record["lat"]), float(record["lon"])) if key == "koordinat" else record[key]
    return True, result.extra_columns, got.item() if hasattr(got, "item") else got, result.sheets[0].columns[key]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_header_alias(reference, variant):
    """Every alias of every column, written the way of `variant`, reads its column (a table: all aliases)."""
    written = [(key, VARIANTS[variant](header)) for key, header in ALIASES]
    got = [(key, header, *_read_by_alias(reference, key, header)) for key, header in written]
    expected = [
        (key, header, True, [], SAMPLE_VALUE[key][1], " ".join(header.replace("\u200b", "").split()))
        for key, header in written
    ]
    assert got == expected


@pytest.mark.parametrize("numbering", NUMBERING_HEADERS)
def test_numbering_column_is_ignored(reference, numbering):
    rows = data_rows(ROW, ROW, header=[numbering, *HEADER[1:]]) if False else [[numbering, *HEADER[1:]]]
    rows += [[1, *ROW], [2, *ROW]]  # two rows that differ only in their number: an exact repeat
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert result.extra_columns == []
    assert len(result.records) == 1
    assert _codes(result, "warning") == ["row.duplicate"]


def test_unknown_columns_are_kept_aside(reference):
    rows = [[*HEADER, "Catatan", "Penanggung Jawab"], [1, *ROW, "prioritas", "Pak Asep"], [2, "B", *ROW[1:3], "Bayah"]]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert result.ok and result.rejected_rows == 0
    assert result.extra_columns == ["Catatan", "Penanggung Jawab"]
    assert result.records["Catatan"].iloc[0] == "prioritas" and pd.isna(result.records["Catatan"].iloc[1])
    assert result.records["Penanggung Jawab"].tolist()[0] == "Pak Asep"
    info = [i for i in result.issues if i.code == "sheet.extra_columns"]
    assert len(info) == 1 and "Catatan, Penanggung Jawab" in info[0].message()
    assert all(i.severity == "info" for i in result.issues)


def test_repeated_header_is_kept_as_extra_column(reference):
    rows = [[*HEADER, "Nama Inovasi"], [1, *ROW, "Nama lain"]]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert result.records["nama"].tolist() == ["Inovasi A"]
    assert result.extra_columns == ["Nama Inovasi (F)"]
    assert _codes(result, "warning") == ["sheet.duplicate_header"]


# ------------------------------------------------------------------------------------ sheets
def test_data_sheets_are_stacked_and_others_skipped(reference):
    data = xlsx_bytes(
        {
            "Petunjuk": [["Isi satu baris per inovasi."], ["Kolom wajib: Nama Inovasi, OPD, Tahapan 5D"]],
            "2019": data_rows(["A", "Dinkes", "Design", "Maja"]),
            "Pivot": [["OPD", "Jumlah"], ["Dinkes", 2]],
            "Kosong": [],
            "2020": [["JUDUL"], [None], ["Tahap", "Nama", "Instansi"], ["Display", "B", "Disdik"]],
        }
    )
    result = _import(data, reference)
    assert [s.name for s in result.sheets] == ["2019", "2020"]
    assert result.records[["nama", "sumber_sheet", "sumber_baris"]].values.tolist() == [
        ["A", "2019", 2],
        ["B", "2020", 4],
    ]
    skipped = {s.name: s.reason() for s in result.skipped_sheets}
    assert set(skipped) == {"Petunjuk", "Pivot", "Kosong"}
    assert "kosong" in skipped["Kosong"].lower()
    assert REQUIRED_TEXT in skipped["Pivot"]
    assert "contoh atau petunjuk" in skipped["Petunjuk"]


def test_no_data_sheet_lists_required_and_found_headers(reference):
    data = xlsx_bytes({"Rekap": [["Judul Kegiatan", "Dinas", "Status"], ["x", "y", "z"]], "Lain": [["catatan"]]})
    result = _import(data, reference)
    assert not result.ok and len(result.records) == 0
    (issue,) = result.issues
    assert (issue.code, issue.severity) == ("file.no_data_sheet", "error")
    message = issue.message()
    assert REQUIRED_TEXT in message and "pemetaan kolom" in message
    assert "'Rekap': Judul Kegiatan, Dinas, Status" in message
    assert {s.name for s in result.skipped_sheets} == {"Rekap", "Lain"}


def test_header_without_rows_is_rejected(reference):
    result = _import(xlsx_bytes({"Data": [["Judul"], HEADER, [None] * 5]}), reference)
    assert not result.ok
    assert _codes(result) == ["file.no_rows"]
    assert "'Data'" not in result.issues[0].message() and "Data" in result.issues[0].message()


def test_every_row_rejected_rejects_the_file(reference):
    result = _import(
        xlsx_bytes({"Data": data_rows(["A", "Dinkes", "Selesai", None], [None, "Dinkes", "Design", None])}), reference
    )
    assert not result.ok and result.rejected_rows == 2
    assert result.issues[0].code == "file.no_valid_rows" and "2 baris" in result.issues[0].message()


# --------------------------------------------------------------------------- one sheet per OPD
@pytest.mark.parametrize(
    ("sheet", "opd"),
    [
        ("Dinkes", "Dinas Kesehatan"),
        ("DINAS KESEHATAN", "Dinas Kesehatan"),
        ("Dinas Kesehatan ", "Dinas Kesehatan"),
        ("RSUD Ajidarmo", "RSUD dr. Adjidarmo"),
        ("Satpol PP", "Satuan Polisi Pamong Praja"),
        ("Kec. Bayah", "Kecamatan Bayah"),
        ("Bappeda", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah"),
    ],
)
def test_one_sheet_per_opd(reference, sheet, opd):
    rows = [["INOVASI " + sheet.upper()], ["No", "Nama Inovasi", "Tahapan"], [1, "A", "Design"], [2, "B", "5"]]
    result = _import(xlsx_bytes({sheet: rows}), reference)
    assert result.ok
    assert result.records["opd"].tolist() == [opd, opd]
    assert result.records["tahapan"].tolist() == ["Design", "Display"]
    assert result.sheets[0].opd_from_name == opd
    assert "sheet.opd_from_name" in _codes(result, "info")


def test_sheet_without_opd_column_and_not_an_opd_is_read_with_the_gap_said_once(reference):
    rows = [["Nama Inovasi", "Tahapan"], ["A", "Design"], ["B", "Display"]]
    result = _import(xlsx_bytes({"Rekap 2019": rows, "Dinsos": rows}), reference)
    assert [s.name for s in result.sheets] == ["Rekap 2019", "Dinsos"]
    assert result.records["opd"].astype(object).where(result.records["opd"].notna(), None).tolist() == [
        None, None, "Dinas Sosial", "Dinas Sosial"
    ]  # fmt: skip
    assert [(i.code, i.sheet, i.row) for i in result.warnings] == [("sheet.column_absent", "Rekap 2019", 1)]
    assert "'OPD belum diisi'" in result.warnings[0].message()


def test_opd_column_wins_over_sheet_name(reference):
    result = _import(xlsx_bytes({"Dinkes": data_rows(["A", "Disdik", "Design", None])}), reference)
    assert result.records["opd"].tolist() == ["Dinas Pendidikan"]
    assert result.sheets[0].opd_from_name is None


# ------------------------------------------------------------------------- merged cells, blanks
def test_vertically_merged_opd_is_filled_down(reference):
    rows = data_rows(["A", "Dinkes", "Design", None], ["B", None, "Design", None], ["C", None, "Display", None])
    rows.append([4, "D", None, "Diagnose", None])  # below the merge: stays empty, a gap
    result = _import(xlsx_bytes({"Data": rows}, merges={"Data": ["C2:C4"]}), reference)
    assert result.records["opd"].astype(object).tolist()[:3] == ["Dinas Kesehatan"] * 3
    assert pd.isna(result.records["opd"].iloc[3]) and result.errors == []
    assert [(i.code, i.row, i.column) for i in result.warnings] == [("row.opd_empty", 5, "OPD")]
    assert "sheet.merged_filled" in _codes(result, "info")


def test_merges_above_the_header_are_not_filled(reference):
    rows = [["Judul"], [None], *data_rows(ROW)]
    result = _import(xlsx_bytes({"Data": rows}, merges={"Data": ["A1:A2"]}), reference)
    assert result.ok and "sheet.merged_filled" not in _codes(result)


def test_blank_rows_are_ignored_silently(reference):
    rows = data_rows(ROW)
    rows += [[None] * 5, ["  ", " ", None, "\u00a0", None], [3], [4, "B", "Disdik", "Display", None]]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert result.records["sumber_baris"].tolist() == [2, 6]
    assert [i for i in result.issues if i.severity != "info"] == []
    assert result.rejected_rows == 0


# ------------------------------------------------------------------------------------ row rules
# A missing name rejects the row; a missing OPD or stage is a gap: accepted, warned about, counted.
MISSING = {
    "nama": ("error", "row.missing_required", "Nama Inovasi:", "B", ["A", "C"], "Kolom wajib"),
    "opd": ("warning", "row.opd_empty", "Perangkat Daerah", "C", ["A", "B", "C"], "OPD belum diisi"),
    "tahapan": ("warning", "row.stage_empty", "Tahap 5D", "D", ["A", "B", "C"], "Tahap belum diisi"),
}


@pytest.mark.parametrize("missing", MISSING)
def test_row_missing_a_value(reference, missing):
    header = ["No", "Nama  Inovasi:", "Perangkat Daerah", "Tahap 5D"]
    values = {"nama": "A", "opd": "Dinkes", "tahapan": "Design"}
    bad = dict(values, nama="B") | {missing: None}
    rows = [["DAFTAR"], header, [1, *values.values()], [2, *bad.values()], [3, *values.values()]]
    rows[4][1] = "C"
    result = _import(xlsx_bytes({"Sheet 2019": rows}), reference)
    severity, code, written, letter, names, text = MISSING[missing]
    assert result.ok and result.rejected_rows == (1 if severity == "error" else 0)
    assert result.records["nama"].tolist() == names
    (issue,) = [i for i in result.issues if i.severity != "info"]
    assert (issue.severity, issue.code, issue.sheet, issue.row, issue.column, issue.letter) == (
        severity, code, "Sheet 2019", 4, written, letter
    )  # fmt: skip
    assert text in issue.message()


@pytest.mark.parametrize(
    ("stage", "code"),
    [("Selesai", "row.stage_unknown"), ("6", "row.stage_unknown"), ("Desain", "row.stage_unknown"),
     ("3. Delivery", "row.stage_conflict"), ("1 - Display", "row.stage_conflict")],
)  # fmt: skip
def test_unknown_stage_rejects_the_row(reference, stage, code):
    result = _import(xlsx_bytes({"Data": data_rows(ROW, ["B", "Dinkes", stage, None])}), reference)
    assert result.rejected_rows == 1 and len(result.records) == 1
    (error,) = result.errors
    assert (error.code, error.row, error.column) == (code, 3, "Tahapan 5D")
    assert stage in error.message() and "tidak diimpor" in error.message()


def test_exact_duplicate_kept_once_with_warning(reference):
    row = ["K-1", "A", "Dinkes", "Design", "Maja", "Rp 1.000"]
    header = ["No", "Kode", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan", "Anggaran"]
    data = xlsx_bytes({"2019": [header, [1, *row]], "2020": [header, [1, *row], [2, *row]]})
    result = _import(data, reference)
    assert len(result.records) == 1 and result.rejected_rows == 0
    warnings = [(i.code, i.sheet, i.row) for i in result.warnings]
    assert warnings == [("row.duplicate", "2020", 2), ("row.duplicate", "2020", 3)]
    assert "lembar '2019' baris 2" in result.warnings[0].message()


def test_duplicate_ignores_spacing_and_case_of_the_same_values(reference):
    rows = data_rows(["A", "Dinkes", "Design", "Maja"], ["A", "Dinkes ", "Design", " Maja"])
    assert len(_import(xlsx_bytes({"D": rows}), reference).records) == 1


def test_rows_differing_in_one_cell_are_not_duplicates(reference):
    rows = data_rows(["A", "Dinkes", "Design", "Maja"], ["B", "Dinkes", "Design", "Bayah"])
    result = _import(xlsx_bytes({"D": rows}), reference)
    assert len(result.records) == 2 and result.warnings == []


def test_same_kode_different_content_rejects_the_second(reference):
    header = ["Kode Inovasi", "Nama Inovasi", "OPD", "Tahapan 5D"]
    data = xlsx_bytes(
        {
            "2019": [header, ["LBK-1", "A", "Dinkes", "Design"], ["LBK-2", "B", "Dinkes", "Design"]],
            "2020": [["Judul"], header, ["lbk-1", "A (baru)", "Dinkes", "Display"], ["LBK-3", "C", "Disdik", "Drumup"]],
        }
    )
    result = _import(data, reference)
    assert result.records["kode"].tolist() == ["LBK-1", "LBK-2", "LBK-3"]
    assert result.rejected_rows == 1
    (error,) = result.errors
    assert (error.code, error.sheet, error.row, error.column) == ("row.kode_conflict", "2020", 3, "Kode Inovasi")
    assert "lembar '2019' baris 2" in error.message() and "lbk-1" in error.message()


def test_kode_of_a_rejected_row_does_not_block_a_later_row(reference):
    header = ["Kode", "Nama Inovasi", "OPD", "Tahapan 5D"]
    rows = [header, ["K", "A", "Dinkes", "Selesai"], ["K", "B", "Dinkes", "Design"]]
    result = _import(xlsx_bytes({"D": rows}), reference)
    assert result.records["nama"].tolist() == ["B"]
    assert [i.code for i in result.errors] == ["row.stage_unknown"]


# ---------------------------------------------------------------------------- values in the file
def test_unknown_opd_kept_as_written_with_nearest_names(reference):
    result = _import(xlsx_bytes({"D": data_rows(["A", "Dinas Kesehatann", "Design", None])}), reference)
    assert result.records["opd"].tolist() == ["Dinas Kesehatann"]
    assert result.records["opd_dikenal"].tolist() == [False]
    (warning,) = result.warnings
    assert (warning.code, warning.row, warning.column) == ("row.opd_unknown", 2, "OPD")
    assert "Dinas Kesehatan" in warning.message() and "Mungkin maksudnya" in warning.message()


def test_unknown_kecamatan_kept_with_warning_and_blank_is_not_stated(reference):
    rows = data_rows(["A", "Dinkes", "Design", "Maja, Atlantis"], ["B", "Dinkes", "Design", None])
    result = _import(xlsx_bytes({"D": rows}), reference)
    assert result.records["kecamatan"].tolist() == [("Maja", "Atlantis"), ()]
    (warning,) = result.warnings
    assert (warning.code, warning.row, warning.column) == ("row.kecamatan_unknown", 2, "Kecamatan")
    assert "Atlantis" in warning.message()


def test_kabupaten_wide_with_named_kecamatan_warns(reference):
    result = _import(xlsx_bytes({"D": data_rows(["A", "Dinkes", "Design", "Maja, Semua Kecamatan"])}), reference)
    assert result.records["kecamatan"].tolist() == [("Semua Kecamatan",)]
    assert _codes(result, "warning") == ["row.kecamatan_mixed"]


def test_excel_dates_serials_and_text_dates(reference):
    header = ["Nama Inovasi", "OPD", "Tahapan", "Tanggal Mulai", "Tahun"]
    rows = [
        header,
        ["A", "Dinkes", "Design", dt.datetime(2018, 11, 28), None],
        ["B", "Dinkes", "Design", dt.date(2019, 8, 5), None],
        ["C", "Dinkes", "Design", 43432, None],
        ["D", "Dinkes", "Design", "Mei 2019", None],
        ["E", "Dinkes", "Design", "28-11-2018", 2021],
        ["F", "Dinkes", "Design", "kemarin", None],
        ["G", "Dinkes", "Design", None, "dua ribu"],
        ["H", "Dinkes", "Design", None, 1999],
    ]
    result = _import(xlsx_bytes({"D": rows}), reference)
    got = result.records.set_index("nama")
    dates = got["tanggal_mulai"].dt.date.where(got["tanggal_mulai"].notna(), None).to_dict()
    assert dates == {
        "A": dt.date(2018, 11, 28),
        "B": dt.date(2019, 8, 5),
        "C": dt.date(2018, 11, 28),
        "D": dt.date(2019, 5, 1),
        "E": dt.date(2018, 11, 28),
        "F": None,
        "G": None,
        "H": None,
    }
    years = {k: (None if pd.isna(v) else int(v)) for k, v in got["tahun"].items()}
    assert years == {"A": 2018, "B": 2019, "C": 2018, "D": 2019, "E": 2021, "F": None, "G": None, "H": None}
    assert [(i.code, i.row, i.column) for i in result.warnings] == [
        ("row.date_invalid", 7, "Tanggal Mulai"),
        ("row.year_invalid", 8, "Tahun"),
        ("row.year_invalid", 9, "Tahun"),
    ]


def test_rupiah_text_and_numbers(reference):
    header = ["Nama Inovasi", "OPD", "Tahapan", "Anggaran (Rp)"]
    values = ["Rp 15.000.000", "15.000.000", "Rp15.000.000,00", 15000000, 2500000.0, "Rp 1.234.567,89", "gratis"]
    rows = [header] + [[f"I{i}", "Dinkes", "Design", v] for i, v in enumerate(values)]
    result = _import(xlsx_bytes({"D": rows}), reference)
    amounts = [None if pd.isna(v) else int(v) for v in result.records["anggaran"]]
    assert amounts == [15_000_000, 15_000_000, 15_000_000, 15_000_000, 2_500_000, 1_234_568, None]
    assert [(i.code, i.row) for i in result.warnings] == [("row.rupiah_rounded", 7), ("row.rupiah_invalid", 8)]
    assert "Rp 1.234.568" in result.warnings[0].message()


def test_fixed_vocabularies(reference):
    header = ["Nama Inovasi", "OPD", "Tahapan", "Jenis Inovasi", "Bentuk", "Inisiator", "Tahapan IID"]
    rows = [
        header,
        ["A", "Dinkes", "Design", "DIGITAL", "pelayanan publik", "bupati", "inisiasi"],
        ["B", "Dinkes", "Design", "Setengah digital", None, "Camat", "Penerapan"],
    ]
    result = _import(xlsx_bytes({"D": rows}), reference)
    first, second = result.records.to_dict("records")
    assert (first["jenis"], first["bentuk"], first["inisiator"], first["tahapan_iid"]) == (
        "Digital",
        "Inovasi Pelayanan Publik",
        "Kepala Daerah",
        "Inisiatif",
    )
    assert (second["jenis"], second["inisiator"]) == ("Setengah digital", "Camat")
    assert [(i.code, i.column) for i in result.warnings] == [
        ("row.value_unknown", "Jenis Inovasi"),
        ("row.value_unknown", "Inisiator"),
    ]


def test_overlong_text_is_cut_and_the_limit_named(reference):
    rows = data_rows(["A" * 500, "Dinkes", "Design", None])
    result = _import(xlsx_bytes({"D": rows}), reference, limits=Limits(max_text=100))
    assert result.ok and len(result.records.at[0, "nama"]) == 100
    (warning,) = result.warnings
    assert warning.code == "row.text_truncated" and "500" in warning.message() and "100" in warning.message()


def test_csv_formula_guard_is_undone(reference):
    rows = [["Nama Inovasi", "OPD", "Tahapan"], [neutralise_csv("=SUM(1)"), "Dinkes", "Design"]]
    result = _import(csv_bytes(rows), reference, "x.csv")
    assert result.records["nama"].tolist() == ["=SUM(1)"]


def test_stage_column_is_ordered_categorical(reference):
    rows = data_rows(*[[f"I{i}", "Dinkes", s, None] for i, s in enumerate(reversed(STAGES))])
    records = _import(xlsx_bytes({"D": rows}), reference).records
    assert records.sort_values("tahapan")["tahapan"].tolist() == list(STAGES)

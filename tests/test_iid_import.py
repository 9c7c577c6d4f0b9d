"""Issue 11's rules on small workbooks written here: the IID export, two stage models, gaps, coordinates,
same-name rows, repeated headers, example sheets, column mappings and the report's counts."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
import xlwt

from lebak_dash.ingest.importer import import_workbook
from lebak_dash.ingest.resultio import result_from_ipc, result_to_ipc
from lebak_dash.records.counts import import_counts
from lebak_dash.records.mapping import MappingError, parse_mapping

from .helpers import csv_bytes, data_rows, xlsx_bytes

IID_HEADER = [
    "No", "Judul Inovasi", "Pemda", "Admin OPD", "Inisiator", "Nama Inisiator", "Bentuk Inovasi", "Jenis",
    "Asta Cipta", "Urusan Utama", "Urusan lain yang beririsan", "Kematangan", "Tahapan Inovasi", "Tanggal Input",
    "Tanggal Penerapan", "Tanggal Pengembangan", "Koordinat", "Video", "Link Video",
]  # fmt: skip
# name, pemda, admin OPD, jenis, urusan, urusan lain, kematangan, tahapan, input, penerapan, pengembangan, koordinat
IID_ROWS = [
    ("SI CANTIK", "Kabupaten Lebak", "Dinas Kesehatan (lebakkab.dinkes)", "Digital", "kesehatan", "pendidikan",
     85, "Penerapan", "22-07-2022", "29-11-2023", "-", "-6.3523, 106.2488"),
    ("LAPOR CAMAT", "Kabupaten Lebak", "Kecamatan Maja (lebakkab.kec.maja)", "Teknologi", "Kesehatan", None,
     0, "Uji Coba", "01-02-2023", "15-03-2023", "31-12-2024", "-6,567412, 106,180227"),
    ("Sekolah Ramah", "Provinsi Jawa Timur", "SMKN 1 PROBOLINGGO (jatimprov.smkn1)", "Non Digital", "pendidikan",
     "-", 110, "Inisiatif", "10-07-2023", "10-07-2023", "-", "6°21'8.3\"S 106°14'55.7\"E"),
    ("Bank Sampah", "Provinsi Jawa Timur", "smkn 1  probolinggo (jatimprov.smkn1b)", "Teknologi", "lingkungan hidup",
     "-", 60, "Penerapan", "05-05-2024", "-", "-", "Jalan Raya Maja"),
]  # fmt: skip


def iid_table() -> list[list[object]]:
    """Return the IID export's header and rows (as Kemendagri's application writes them)."""
    rows: list[list[object]] = [list(IID_HEADER)]
    for i, (name, pemda, opd, jenis, urusan, lain, score, stage, t_in, t_app, t_dev, point) in enumerate(IID_ROWS):
        rows.append([i + 1, name, pemda, opd, "ASN", "-", "Inovasi pelayanan publik", jenis, "-", urusan, lain,
                     score, stage, t_in, t_app, t_dev, point, "Ada", "-"])  # fmt: skip
    return rows


def xls_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """Return an Excel 97-2003 workbook of `sheets` (xlwt, the writer of legacy files)."""
    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(data, reference, name="data.xlsx", mappings=()):
    return import_workbook(data, filename=name, reference=reference, mappings=mappings)


def _plain(value):
    if value is None or (not isinstance(value, tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _rows(records, *columns):
    return [tuple(_plain(v) for v in row) for row in records[list(columns)].itertuples(index=False)]


def _points(records):
    pairs = zip(records["lat"], records["lon"], strict=True)
    return [None if pd.isna(a) else (round(a, 6), round(b, 6)) for a, b in pairs]


def _issues(result, severity=None):
    return [(i.code, i.sheet, i.row, i.column) for i in result.issues if severity in (None, i.severity)]


# ---------------------------------------------------------------------------- the IID export
@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_iid_export_imports_as_downloaded(reference, kind):
    writer = xlsx_bytes if kind == "xlsx" else xls_bytes
    result = _import(writer({"Data": iid_table()}), reference, f"iid.{kind}")
    assert result.ok and result.format == kind and result.rejected_rows == 0
    records = result.records
    assert _rows(records, "nama", "opd", "opd_dikenal", "tahapan", "tahapan_iid") == [
        ("SI CANTIK", "Dinas Kesehatan", True, None, "Penerapan"),
        ("LAPOR CAMAT", "Kecamatan Maja", True, None, "Uji Coba"),
        ("Sekolah Ramah", "SMKN 1 PROBOLINGGO", False, None, "Inisiatif"),
        ("Bank Sampah", "SMKN 1 PROBOLINGGO", False, None, "Penerapan"),  # grouped under the form seen first
    ]
    assert _rows(records, "jenis", "urusan", "urusan_lain", "kematangan", "inovator", "pemda") == [
        ("Digital", "kesehatan", "pendidikan", 85.0, None, "Kabupaten Lebak"),
        ("Teknologi", "kesehatan", None, 0.0, None, "Kabupaten Lebak"),
        ("Non Digital", "pendidikan", None, 110.0, None, "Provinsi Jawa Timur"),
        ("Teknologi", "lingkungan hidup", None, 60.0, None, "Provinsi Jawa Timur"),
    ]
    assert _rows(records, "tanggal_input", "tanggal_mulai", "tanggal_pengembangan", "tahun") == [
        (dt.date(2022, 7, 22), dt.date(2023, 11, 29), None, 2023),
        (dt.date(2023, 2, 1), dt.date(2023, 3, 15), dt.date(2024, 12, 31), 2023),
        (dt.date(2023, 7, 10), dt.date(2023, 7, 10), None, 2023),
        (dt.date(2024, 5, 5), None, None, None),
    ]
    assert _points(records) == [(-6.3523, 106.2488), (-6.567412, 106.180227), (-6.352306, 106.248806), None]
    assert result.extra_columns == ["Asta Cipta", "Video"]
    assert records["tautan"].isna().all() and records["Asta Cipta"].isna().all()  # '-' is empty in every column
    warnings = _issues(result, "warning")
    assert warnings == [
        ("file.pemda_other", None, None, None),
        ("file.value_legacy", None, None, None),
        ("row.opd_unknown", "Data", 4, "Admin OPD"),
        ("row.opd_unknown", "Data", 5, "Admin OPD"),
        ("row.coord_invalid", "Data", 5, "Koordinat"),
    ]
    by_code = {i.code: i.message() for i in result.issues}
    assert "'Provinsi Jawa Timur' bukan Kabupaten Lebak (2 baris)" in by_code["file.pemda_other"]
    assert "'Teknologi' di kolom Jenis Inovasi (2 baris)" in by_code["file.value_legacy"]
    assert import_counts(records) == {
        "per_stage": {},  # IID stages only: nothing in the 5D model
        "per_stage_iid": {"Inisiatif": 1, "Uji Coba": 1, "Penerapan": 2},
        "per_opd": {"SMKN 1 PROBOLINGGO": 2, "Dinas Kesehatan": 1, "Kecamatan Maja": 1},
        "per_urusan": {"kesehatan": 2, "lingkungan hidup": 1, "pendidikan": 1},
    }


def test_every_coordinate_form_in_a_file(reference):
    header = ["Nama Inovasi", "OPD", "Tahapan", "Koordinat", "Latitude", "Longitude"]
    cells = [
        ("-6.35, 106.25", None, None, (-6.35, 106.25)),
        ("-6,35, 106,25", None, None, (-6.35, 106.25)),
        ("6°21'0\"S 106°15'0\"E", None, None, (-6.35, 106.25)),
        ("Lintang: -6.35 Bujur: 106.25", None, None, (-6.35, 106.25)),
        ("https://www.google.com/maps/place/X/@-6.35,106.25,17z", None, None, (-6.35, 106.25)),
        ("https://maps.google.com/?q=-6.35,106.25", None, None, (-6.35, 106.25)),
        (None, "-6,35", 106.25, (-6.35, 106.25)),  # two numeric columns
        ("-6.35, 106.25", "-6.40", "106.30", (-6.4, 106.3)),  # the two columns win
        ("106.25, -6.35", None, None, None),  # longitude first: outside Indonesia
        ("52.37, 4.89", None, None, None),  # Amsterdam
        ("di kantor camat", None, None, None),
        (None, "-6.35", None, None),  # half a point
    ]
    rows = [header] + [[f"I{i}", "Dinkes", "Design", *cell[:3]] for i, cell in enumerate(cells)]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert result.ok and len(result.records) == len(cells)
    assert _points(result.records) == [cell[3] for cell in cells]
    assert _issues(result, "warning") == [
        ("row.coord_outside", "Data", 10, "Koordinat"),
        ("row.coord_outside", "Data", 11, "Koordinat"),
        ("row.coord_invalid", "Data", 12, "Koordinat"),
        ("row.coord_invalid", "Data", 13, "Latitude"),
    ]


# --------------------------------------------------------------------------- two stage models
def test_a_stage_cell_is_read_per_value(reference):
    header = ["Nama Inovasi", "OPD", "Tahapan", "Tahapan IID"]
    rows = [
        header,
        ["A", "Dinkes", "3. Design", None],
        ["B", "Dinkes", "Penerapan", None],
        ["C", "Dinkes", "uji-coba", None],
        ["D", "Dinkes", "Delivery", "Inisiatif"],  # one of each model
        ["E", "Dinkes", None, "Penerapan"],  # only the IID column
        ["F", "Dinkes", "Inisiatif", "Penerapan"],  # the IID column wins, with a warning
        ["G", "Dinkes", "Desain", None],  # a typo: rejected, the nearest stage suggested
        ["H", "Dinkes", "Penerapn", None],
        ["I", "Dinkes", None, "Selesai"],
        ["J", "Dinkes", None, None],  # a gap
    ]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert _rows(result.records, "nama", "tahapan", "tahapan_iid") == [
        ("A", "Design", None), ("B", None, "Penerapan"), ("C", None, "Uji Coba"), ("D", "Delivery", "Inisiatif"),
        ("E", None, "Penerapan"), ("F", None, "Penerapan"), ("J", None, None),
    ]  # fmt: skip
    assert result.rejected_rows == 3
    assert _issues(result) == [
        ("row.stage_iid_differs", "Data", 7, "Tahapan IID"),
        ("row.stage_unknown", "Data", 8, "Tahapan"),
        ("row.stage_unknown", "Data", 9, "Tahapan"),
        ("row.stage_unknown", "Data", 10, "Tahapan IID"),
        ("row.stage_empty", "Data", 11, "Tahapan"),
    ]
    messages = [i.message() for i in result.errors]
    assert "Mungkin maksudnya: Design." in messages[0] and "Mungkin maksudnya: Penerapan." in messages[1]
    counts = import_counts(result.records)
    assert counts["per_stage"] == {"Design": 1, "Delivery": 1, "Tahap belum diisi": 1}  # IID-only rows not here
    assert counts["per_stage_iid"] == {"Inisiatif": 1, "Uji Coba": 1, "Penerapan": 3}


# ------------------------------------------------------------------------------------ gaps
def test_gaps_are_counted_never_dropped(reference):
    data = xlsx_bytes(
        {
            "Tanpa Tahap": [["Nama Inovasi", "OPD"], ["A", "Dinkes"], ["B", None]],
            "Lengkap": [["Nama Inovasi", "OPD", "Tahapan"], ["C", None, "Design"], ["D", "-", "-"]],
            "Nama Saja": [["Nama Inovasi", "Kecamatan"], ["E", "Maja"]],
        }
    )
    result = _import(data, reference)
    assert result.ok and result.rejected_rows == 0 and len(result.records) == 5
    assert _issues(result, "warning") == [
        ("sheet.column_absent", "Tanpa Tahap", 1, None),
        ("row.opd_empty", "Tanpa Tahap", 3, "OPD"),
        ("row.opd_empty", "Lengkap", 2, "OPD"),
        ("row.opd_empty", "Lengkap", 3, "OPD"),
        ("row.stage_empty", "Lengkap", 3, "Tahapan"),
        ("sheet.column_absent", "Nama Saja", 1, None),
        ("sheet.column_absent", "Nama Saja", 1, None),
    ]
    counts = import_counts(result.records)
    assert counts["per_opd"] == {"Dinas Kesehatan": 1, "OPD belum diisi": 4}
    assert counts["per_stage"] == {"Design": 1, "Tahap belum diisi": 4}


def test_a_sheet_needs_a_name_and_one_more_column(reference):
    data = xlsx_bytes(
        {"Nama": [["Nama Inovasi", "Deskripsi"], ["A", "x"]], "Tahap": [["Tahapan", "OPD"], ["Design", "Dinkes"]]}
    )
    result = _import(data, reference)
    assert not result.ok and _issues(result) == [("file.no_data_sheet", None, None, None)]
    assert {s.name: s.code for s in result.skipped_sheets} == {"Nama": "sheet.no_header", "Tahap": "sheet.no_header"}


# ------------------------------------------------------------------------ rows and sheets
def test_same_name_and_opd_without_kode_both_kept(reference):
    header = ["Kode", "Nama Inovasi", "OPD", "Tahapan"]
    rows = [
        header,
        [None, "Posyandu Digital", "Dinkes", "Design"],
        [None, "POSYANDU  DIGITAL.", "Dinas Kesehatan (lebakkab.dinkes)", "Display"],  # same name and OPD
        [None, "Posyandu Digital", "Disdik", "Design"],  # another OPD
        ["K-1", "Posyandu Digital", "Dinkes", "Design"],  # a kode: its own identity
        [None, "Lapak", None, "Design"],
        [None, "lapak", None, "Design"],  # both without an OPD
    ]
    result = _import(xlsx_bytes({"Data": rows}), reference)
    assert len(result.records) == 6 and result.rejected_rows == 0
    same = [i for i in result.issues if i.code == "row.same_name_opd"]
    assert [(i.row, dict(i.params)["first_row"]) for i in same] == [(3, 2), (7, 6)]
    assert "'POSYANDU DIGITAL.'" in same[0].message() and "baris 2" in same[0].message()


def test_repeated_headers_and_example_sheets_are_skipped_and_listed(reference):
    rows = data_rows(["A", "Dinkes", "Design", None], ["B", "Dinkes", "Display", None])
    rows += [["No", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan"], [3, "C", "Disdik", "Design", None]]
    rows += [[4, "A", "Dinkes", "Design", None], [None] * 5, [5]]  # a repeat, a blank row, a number only
    data = xlsx_bytes({"Contoh Pengisian": data_rows(["Contoh", "Dinkes", "Design", None]), "2024": rows})
    result = _import(data, reference)
    assert [s.name for s in result.sheets] == ["2024"]
    assert {s.name: s.code for s in result.skipped_sheets} == {"Contoh Pengisian": "sheet.example"}
    assert result.records["nama"].tolist() == ["A", "B", "C"]
    assert [(i.code, i.row) for i in result.issues if i.code in ("row.header_repeated", "row.duplicate")] == [
        ("row.header_repeated", 4),
        ("row.duplicate", 6),
    ]
    assert (result.data_rows, result.skipped_rows, result.duplicate_rows, result.rejected_rows) == (5, 1, 1, 0)
    assert len(result.records) + result.rejected_rows + result.duplicate_rows + result.skipped_rows == result.data_rows


# ---------------------------------------------------------------------------- column mappings
LAN = [["Kode", "Ide Inovasi", "Inovator", "K/L/D"], ["16 LI 1", "Klinik Organisasi", "Dinkes", "Pemkot X"]]


def test_a_mapping_reads_a_header_nobody_knows(reference):
    other = [1, "98 DI 2", *LAN[1][1:]]
    data = xlsx_bytes({"Lab": LAN, "Direktori": [["No", *LAN[0]], other], "Lain": [["Ide Inovasi", "Jumlah"]]})
    assert not _import(data, reference).ok  # Ide Inovasi is a name, but nothing else is known
    mapping = parse_mapping('{"columns": {"Ide Inovasi": "nama", "Inovator": "opd", "K/L/D": null}}', explicit=True)
    result = _import(data, reference, mappings=[mapping])
    assert result.ok and [s.name for s in result.sheets] == ["Lab", "Direktori"]
    assert _rows(result.records, "kode", "nama", "opd") == [
        ("16 LI 1", "Klinik Organisasi", "Dinas Kesehatan"),
        ("98 DI 2", "Klinik Organisasi", "Dinas Kesehatan"),
    ]
    assert result.extra_columns == []  # K/L/D ignored (null), neither read nor kept
    assert [(u.mapping.columns[0][0], u.sheets) for u in result.mappings] == [("Ide Inovasi", ("Lab", "Direktori"))]
    assert [i.sheet for i in result.issues if i.code == "sheet.mapping_used"] == ["Lab", "Direktori"]


def test_a_mapping_wins_over_the_aliases_and_one_matching_nothing_is_reported(reference):
    rows = [["Nama Inovasi", "OPD", "Tahapan", "Unit Pelaksana"], ["A", "Dinkes", "Design", "Disdik"]]
    wins = parse_mapping('{"columns": {"Unit Pelaksana": "opd"}}', explicit=True)
    result = _import(xlsx_bytes({"Data": rows}), reference, mappings=[wins])
    assert result.records["opd"].tolist() == ["Dinas Pendidikan"] and result.extra_columns == ["OPD"]
    nowhere = parse_mapping('{"columns": {"Judul Kegiatan": "nama"}}', explicit=True)
    result = _import(xlsx_bytes({"Data": rows}), reference, mappings=[nowhere])
    assert result.ok and _issues(result, "warning") == [("file.mapping_unmatched", None, None, None)]
    assert "Judul Kegiatan" in result.warnings[0].message()


MAPPING_ERRORS = [
    ("{not json", "mapping.err.json"),
    ('{"columns": {"Inovator": "agency"}}', "mapping.err.unknown_key"),
    ('{"columns": {"A": "nama", "B": "nama"}}', "mapping.err.same_key"),
    ('{"columns": {"Nama  Inovasi": "nama", "nama inovasi:": null}}', "mapping.err.same_header"),
    ('{"columns": {}}', "mapping.err.empty"),
    ('{"kolom": {"A": "nama"}}', "mapping.err.shape"),
    ('["A", "nama"]', "mapping.err.shape"),
    ('{"columns": {" ": "nama"}}', "mapping.err.blank_header"),
]


def test_a_mapping_that_cannot_be_used_is_refused():
    found = []
    for text, _code in MAPPING_ERRORS:
        with pytest.raises(MappingError) as info:
            parse_mapping(text)
        found.append((text, info.value.key))
    assert found == MAPPING_ERRORS


# ---------------------------------------------------------------- previews and serialisation
def test_sheets_not_read_carry_their_likely_header_and_three_samples(reference):
    rows = [["JUDUL"], ["Kegiatan", "Penanggung Jawab", "Catatan"]]
    rows += [
        ["Pasar Murah", "Dinkes", "-"],
        ["Sekolah", "Disdik", None],
        ["Jalan", "DPUPR", "x"],
        ["Taman", "DLH", "y"],
    ]
    result = _import(xlsx_bytes({"Rekap": rows, "Data": data_rows(["A", "Dinkes", "Design", None])}), reference)
    again = result_from_ipc(result_to_ipc(result))  # the worker's result travels as bytes
    assert again.previews == result.previews and again.mappings == result.mappings
    previews = {p.name: p for p in again.previews}
    rekap, data = previews["Rekap"], previews["Data"]
    assert (rekap.header_row, rekap.read, data.read) == (2, False, True)
    assert [(c.letter, c.header, c.key, c.samples) for c in rekap.columns] == [
        ("A", "Kegiatan", None, ("Pasar Murah", "Sekolah", "Jalan")),
        ("B", "Penanggung Jawab", None, ("Dinkes", "Disdik", "DPUPR")),
        ("C", "Catatan", None, ("x", "y")),
    ]
    assert [c.key for c in data.columns] == [None, "nama", "opd", "tahapan", "kecamatan"]
    assert (again.data_rows, again.duplicate_rows, again.skipped_rows) == (1, 0, 0)


def test_csv_and_counts_of_urusan_grouped(reference):
    rows = [["Nama Inovasi", "OPD", "Tahapan", "Urusan", "Urusan Lain"]]
    cells = [("Kesehatan", "-"), ("kesehatan", None), (" KESEHATAN ", "kesehatan"), ("Pendidikan", "kesehatan")]
    rows += [[f"I{i}", "Dinkes", "Design", u, lain] for i, (u, lain) in enumerate([*cells, (None, None)])]
    result = _import(csv_bytes(rows), reference, "u.csv")
    assert result.records["urusan"].astype(object).tolist()[:4] == ["kesehatan"] * 3 + ["Pendidikan"]
    assert result.records["urusan_lain"].astype(object).tolist()[2:4] == ["kesehatan", "kesehatan"]
    assert import_counts(result.records)["per_urusan"] == {"kesehatan": 3, "Pendidikan": 1}

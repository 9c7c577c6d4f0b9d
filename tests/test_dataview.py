"""The tables of the Data pages (pure): report, unknown OPDs, sheets, diff, versions; the Data strings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.diff import diff_records
from lebak_dash.store import AuditEntry, ReferenceVersion, Version
from lebak_dash.views import data_tables

from .conftest import FIXTURES
from .expected import MAIN_ISSUES, MAIN_RECORDS, MAIN_REJECTED


@pytest.fixture(scope="module")
def bappeda():
    return import_workbook(FIXTURES / "bappeda_2019.xlsx")


def test_errors_table_locates_every_rejected_row(bappeda):
    table = data_tables.issues_table(bappeda, "id", errors=True)
    assert list(table.columns) == ["Lembar", "Baris Excel", "Kolom", "Alasan"]
    expected = [(sheet, row, column) for severity, _, sheet, row, column in MAIN_ISSUES if severity == "error"]
    shown = [
        (s, r, c.split(" · ", 1)[-1])
        for s, r, c in zip(table["Lembar"], table["Baris Excel"], table["Kolom"], strict=True)
    ]
    assert shown == [(s, r, c if c is not None else "") for s, r, c in expected]
    assert len(table) == len(bappeda.errors) and bappeda.rejected_rows == MAIN_REJECTED
    assert table["Kolom"].iloc[0] == "C · Nama Inovasi:"


def test_warnings_table_has_severity_and_message(bappeda):
    table = data_tables.issues_table(bappeda, "en", errors=False)
    assert list(table.columns) == ["Sheet", "Excel row", "Column", "Severity", "Message"]
    assert set(table["Severity"]) == {"warning", "info"}
    assert len(table) == len(bappeda.issues) - len(bappeda.errors)


def test_file_level_error_reads_whole_file():
    result = import_workbook(b"not a workbook at all", filename="x.xlsx")
    table = data_tables.issues_table(result, "id")
    assert not result.ok and table["Lembar"].tolist() == ["(seluruh berkas)"] * len(table)
    assert table["Baris Excel"].isna().all() and (table["Kolom"] == "").all()


def test_unknown_opd_table(bappeda, reference):
    table = data_tables.unknown_opd_table(bappeda.records, reference, "id")
    assert table.to_dict("records") == [
        {
            "OPD sesuai tulisan": "Dinas Pangan Baru",
            "Inovasi": 1,
            "Nama terdekat di daftar": ", ".join(reference.suggest_opd("Dinas Pangan Baru")),
        }
    ]


def test_unknown_opd_table_orders_by_count_and_says_when_nothing_is_similar(reference):
    records = pd.DataFrame({"opd": ["Zzqx", "Dinas Kesehatan", "Dinas Pangan Baru", "Zzqx"]})
    records["opd_dikenal"] = [False, True, False, False]
    table = data_tables.unknown_opd_table(records, reference, "id")
    assert table["OPD sesuai tulisan"].tolist() == ["Zzqx", "Dinas Pangan Baru"]
    assert table["Inovasi"].tolist() == [2, 1]
    assert table["Nama terdekat di daftar"].iloc[0] == "(tidak ada yang mirip)"
    assert data_tables.unknown_opd_table(records.iloc[:0], reference).empty


def test_sheet_tables(bappeda):
    read = data_tables.sheets_table(bappeda, "id")
    assert read.values.tolist() == [["Data 2019", 4, 11, ""], ["Data 2020", 2, 7, ""]]
    skipped = data_tables.skipped_table(bappeda, "id")
    assert skipped["Lembar"].tolist() == ["Grafik", "Petunjuk", "Rekap"]


def test_report_counts(bappeda):
    assert data_tables.report_counts(bappeda) == {
        "records": len(MAIN_RECORDS),
        "rejected": MAIN_REJECTED,
        "errors": len(bappeda.errors),
        "warnings": len(bappeda.warnings),
        "sheets": 2,
        "skipped": 3,
    }


def _records(rows):
    return pd.DataFrame(rows, columns=["kode", "nama", "opd", "tahapan"])


def test_diff_tables_show_only_what_changes():
    old = _records(
        [("A", "Satu", "Dinkes", "Design"), ("B", "Dua", "Disdik", "Design"), ("C", "Tiga", "Bappeda", "Display")]
    )
    new = _records(
        [("A", "Satu", "Dinkes", "Delivery"), ("B", "Dua", "Disdik", "Design"), ("D", "Empat", "Disdik", "Drum-up")]
    )
    diff = diff_records(old, new)
    per_opd = data_tables.diff_per_opd_table(diff, "id")
    assert per_opd["OPD"].tolist() == ["Bappeda", "Dinkes", "Disdik"]
    assert per_opd.set_index("OPD")[["Baru", "Dihapus", "Naik tahap"]].to_dict("index") == {
        "Bappeda": {"Baru": 0, "Dihapus": 1, "Naik tahap": 0},
        "Dinkes": {"Baru": 0, "Dihapus": 0, "Naik tahap": 1},
        "Disdik": {"Baru": 1, "Dihapus": 0, "Naik tahap": 0},
    }
    moved = data_tables.diff_items_table(diff.moved, "id")
    assert moved.to_dict("records") == [
        {
            "Kode": "A",
            "Nama inovasi": "Satu",
            "OPD": "Dinkes",
            "Dari tahap": "Design",
            "Ke tahap": "Delivery",
            "Naik": "ya",
        }
    ]
    added = data_tables.diff_items_table(diff.added, "en")
    assert list(added.columns) == ["Code", "Innovation", "OPD", "Stage"]  # a 5D stage, else the IID one
    assert added["Stage"].tolist() == ["Drum-up"]


def test_unchanged_diff_has_no_per_opd_rows():
    same = _records([("A", "Satu", "Dinkes", "Design")])
    assert data_tables.diff_per_opd_table(diff_records(same, same)).empty


def _version(number: int, active: bool) -> Version:
    return Version(
        number=number,
        sha256="0" * 64,
        filename=f"v{number}.xlsx",
        format="xlsx",
        size=10,
        uploaded_by="siti",
        uploaded_at=dt.datetime(2025, 11, 28, 1, 5, tzinfo=dt.UTC),
        records=1234,
        rejected=0,
        errors=0,
        warnings=0,
        note="",
        kind="app",
        reference_version=None,
        active=active,
    )


def test_version_label_in_wib():
    assert (
        data_tables.version_label(_version(3, True))
        == "Versi 3 · v3.xlsx · 1.234 inovasi · 28 November 2025 08.05 WIB (aktif)"
    )
    label = data_tables.version_label(_version(2, False), "en")
    assert label.endswith("1,234 innovations · 28 November 2025 08:05 WIB")


def test_reference_versions_frame_ends_with_the_bundled_list():
    uploaded = dt.datetime(2025, 1, 2, 17, 30, tzinfo=dt.UTC)
    versions = [ReferenceVersion(1, "a" * 64, "opd.csv", "siti", uploaded, 62, "tambah", False)]
    frame = data_tables.reference_versions_frame(versions, 61, "id")
    assert frame["Versi"].tolist() == [1, 0]
    assert frame["Aktif"].tolist() == [False, True]  # no uploaded list active: the bundled one is
    assert frame["Diunggah (WIB)"].iloc[0] == pd.Timestamp("2025-01-03 00:30")
    assert frame["Jumlah OPD"].tolist() == [62, 61]
    assert data_tables.reference_label(None) == "Daftar bawaan aplikasi"
    assert data_tables.reference_label(versions[0]) == "Versi 1 · opd.csv · 62 OPD"


def test_times_name_their_zone_once_and_follow_the_setting(monkeypatch):
    from lebak_dash.i18n import t
    from lebak_dash.i18n.formatting import fmt_datetime

    version = _version(3, True)
    caption = t("active.version", "id", version=3, filename="a", count=1, at=fmt_datetime(version.uploaded_at), by="x")
    assert caption.endswith("diunggah 28 November 2025 08.05 WIB oleh x")
    listed = t("referensi.active_version", "en", number=1, filename="a", count=2, at="{at}", by="x")
    assert listed.endswith("uploaded {at} by x")  # fmt_datetime names the zone: never twice
    monkeypatch.setenv("LEBAK_TIMEZONE", "Asia/Makassar")
    frame = data_tables.versions_frame([version], "en")
    assert frame["Uploaded (WITA)"].tolist() == [pd.Timestamp("2025-11-28 09:05")]
    entry = AuditEntry(1, version.uploaded_at, "siti", "upload", 3, {"sha256": "x", "records": 1234})
    audit = data_tables.audit_frame([entry], "id")
    assert audit.iloc[0].tolist() == [pd.Timestamp("2025-11-28 09:05"), "siti", "Unggah versi baru", 3, "records: 1234"]
    assert audit.columns[0] == "Waktu (WITA)"

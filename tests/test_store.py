"""The store in one process: versions, activation, cache, references, write errors, datasource.

The tests taking ``store`` run on both backends (SQLite and PostgreSQL, tests/pg.py); those taking
``sqlite_store`` check what only the embedded store has (its file, its folders, its schema digest).
"""

from __future__ import annotations

import errno
import hashlib
import sqlite3
import threading

import pandas as pd
import pytest

from lebak_dash.store import (
    Store,
    StoreConflictError,
    StoreError,
    StoreWriteError,
    VersionNotFoundError,
    write_atomic,
)
from lebak_dash.store.catalog import SCHEMA_VERSION
from lebak_dash.store.errors import write_error
from lebak_dash.views.dataset import load_active_dataset

from .conftest import ROOT, SAMPLE
from .store_helpers import damage_file, snapshot, stored_files, workbook_csv


@pytest.fixture
def store(open_store):
    return open_store()


@pytest.fixture
def sqlite_store(tmp_path):
    return Store.open(tmp_path / "store")


def add(store: Store, data: bytes, name: str = "data.csv", by: str = "siti", **kwargs):
    candidate = store.check(data, name, isolated=False)
    assert candidate.ok, [i.message() for i in candidate.result.errors]
    return store.add_version(candidate, by=by, **kwargs)


def test_open_creates_layout_and_schema(sqlite_store):
    assert (sqlite_store.root / "catalog.sqlite").is_file()
    assert sqlite_store.files_dir.is_dir() and sqlite_store.cache_dir.is_dir()
    assert sqlite_store.references_dir.is_dir()
    conn = sqlite3.connect(sqlite_store.catalog_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert sqlite_store.versions() == [] and sqlite_store.active() is None
    assert Store.open(sqlite_store.root).versions() == []  # opening twice is harmless


def catalog_schema(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return rows


#: The triggers of the first catalog schema (version 1), as stores made before issue 13 have them.
FIRST_TRIGGERS = (
    "CREATE TRIGGER versions_keep BEFORE DELETE ON versions "
    "BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END",
    "CREATE TRIGGER versions_fixed BEFORE UPDATE ON versions "
    "BEGIN SELECT RAISE(ABORT, 'versions are never changed'); END",
    "CREATE TRIGGER reference_versions_keep BEFORE DELETE ON reference_versions "
    "BEGIN SELECT RAISE(ABORT, 'reference versions are never deleted'); END",
    "CREATE TRIGGER audit_keep BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_fixed BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)


def test_catalog_schema_is_pinned(sqlite_store):
    """The catalog's SQL, byte for byte. Changing it needs a new SCHEMA_VERSION and a migration step."""
    rows = catalog_schema(sqlite_store.catalog_path)
    assert [(kind, name) for kind, name, _, _ in rows if kind != "index" or name == "versions_sha"] == [
        ("index", "versions_sha"),
        ("table", "audit"),
        ("table", "boundary_versions"),
        *[("table", n) for n in ("editor_sessions", "editors", "kecamatan_versions", "login_throttle")],
        *[("table", n) for n in ("mapping_retirements", "mappings", "reference_versions", "region_versions")],
        *[("table", n) for n in ("settings", "sqlite_sequence", "stage_maps", "state", "version_mappings", "versions")],
        *[("trigger", n) for n in ("audit_fixed", "audit_keep", "boundary_versions_fixed", "boundary_versions_keep")],
        *[("trigger", n) for n in ("kecamatan_versions_fixed", "kecamatan_versions_keep")],
        *[("trigger", n) for n in ("mapping_retirements_fixed",)],
        *[("trigger", n) for n in ("mapping_retirements_keep", "mappings_fixed", "mappings_keep")],
        *[("trigger", n) for n in ("reference_versions_fixed", "reference_versions_keep")],
        *[("trigger", n) for n in ("region_versions_fixed", "region_versions_keep", "stage_maps_fixed")],
        *[("trigger", n) for n in ("stage_maps_keep", "version_mappings_fixed", "version_mappings_keep")],
        *[("trigger", n) for n in ("versions_fixed", "versions_keep")],
    ]
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    assert digest == "34aa47dc17939c785726c1f131891805b3f6b797b5f93dd06d06931abd61f7e2"


def test_a_first_schema_catalog_is_migrated_to_the_same_schema(sqlite_store, tmp_path):
    """A sqlite_store made before issue 13 (schema 1, its triggers, a throttle row) opens as a new one is made."""
    from lebak_dash.store.catalog import _SCHEMA

    old = tmp_path / "old"
    old.mkdir()
    conn = sqlite3.connect(old / "catalog.sqlite")
    for statement in (*_SCHEMA, *FIRST_TRIGGERS):
        conn.execute(statement)
    conn.execute("INSERT INTO state (id, changed_at) VALUES (1, '2019-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO login_throttle (scope, failures, last_failure) VALUES ('user:siti', 9, 1.0)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    migrated = Store.open(old)
    assert catalog_schema(migrated.catalog_path) == catalog_schema(sqlite_store.catalog_path)
    with migrated.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM login_throttle").fetchone()[0] == 0
    assert migrated.stage_map() is None and migrated.saved_mappings() == []


def test_every_append_only_table_has_both_triggers(sqlite_store):
    from lebak_dash.store.catalog import APPEND_ONLY

    names = {name for kind, name, _, _ in catalog_schema(sqlite_store.catalog_path) if kind == "trigger"}
    assert {f"{table}_{suffix}" for table in APPEND_ONLY for suffix in ("keep", "fixed")} <= names
    assert {
        "versions",
        "reference_versions",
        "audit",
        "mappings",
        "version_mappings",
        "stage_maps",
    } <= APPEND_ONLY.keys()


def test_newer_schema_is_refused(store, open_store):
    with store.transaction() as conn:
        store.database.set_schema_version(conn, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError) as info:
        open_store()
    assert info.value.key == "store.newer_schema"


def test_add_version_stores_bytes_under_their_hash(store):
    data = SAMPLE.read_bytes()
    version = add(store, data, "Data Inovasi (final) FIX.xlsx", note="pertama")
    assert version.number == 1 and version.active
    assert version.records == 480 and version.rejected == 0 and version.format == "xlsx"
    assert version.filename == "Data Inovasi (final) FIX.xlsx" and version.note == "pertama"
    name = version.sha256 if store.backend == "sqlite" else f"original/{version.sha256}"
    assert stored_files(store, "original") == {name: data}  # never the user's name
    assert store.original_bytes(1) == data
    assert store.active().number == 1


def test_same_bytes_twice_is_one_file_and_two_versions(store):
    data = workbook_csv("same")
    first = add(store, data)
    candidate = store.check(data, "lagi.csv", isolated=False)
    assert candidate.duplicate_of == (1,)
    second = store.add_version(candidate, by="budi")
    assert (first.number, second.number) == (1, 2) and first.sha256 == second.sha256
    assert len(stored_files(store, "original")) == 1
    assert [v.number for v in store.versions()] == [1, 2]


def test_versions_are_numbered_in_order_and_never_deleted(store):
    for i in range(4):
        add(store, workbook_csv(f"n{i}", extra=i + 1))
    store.activate(2, by="siti")
    add(store, workbook_csv("n5"))
    versions = store.versions()
    assert [v.number for v in versions] == [1, 2, 3, 4, 5]
    assert [v.records for v in versions] == [481, 482, 483, 484, 481]
    assert [v.active for v in versions] == [False, False, False, False, True]
    times = [v.uploaded_at for v in versions]
    assert times == sorted(times)
    for v in versions:  # every original is still there and loadable
        assert len(store.load(v.number).records) == v.records
    assert store.verify() == []


def test_activate_earlier_version_is_audited_as_rollback(store):
    add(store, workbook_csv("a"))
    add(store, workbook_csv("b", extra=2))
    assert store.activate(1, by="siti").active
    assert store.active().number == 1
    store.activate(2, by="budi")
    actions = [(e.action, e.actor, e.version) for e in store.audit()]
    assert actions[:2] == [("activate", "budi", 2), ("rollback", "siti", 1)]
    assert actions[2:] == [("upload", "siti", 2), ("upload", "siti", 1)]
    rollback = store.audit(action="rollback")[0]
    assert rollback.detail["previous"] == 2


def test_activating_the_active_version_changes_nothing(store):
    add(store, workbook_csv("a"))
    before = snapshot(store)
    store.activate(1, by="siti")
    assert snapshot(store) == before


def test_activate_unknown_version(store):
    add(store, workbook_csv("a"))
    with pytest.raises(VersionNotFoundError) as info:
        store.activate(7, by="siti")
    assert "Versi 7 tidak ada" in info.value.message()
    assert store.active().number == 1


def test_rejected_file_cannot_be_stored(store):
    candidate = store.check(b"bukan lembar kerja", "x.xlsx", isolated=False)
    assert not candidate.ok
    with pytest.raises(StoreError) as info:
        store.add_version(candidate, by="siti")
    assert info.value.key == "store.rejected_file"
    assert store.versions() == [] and stored_files(store, "original") == {}


def test_check_runs_isolated_by_default(store):
    candidate = store.check(SAMPLE.read_bytes(), "contoh.xlsx")
    assert candidate.ok and len(candidate.result.records) == 480


def test_expected_active_refuses_a_stale_check(store):
    add(store, workbook_csv("a"))
    stale = store.check(workbook_csv("b"), "b.csv", isolated=False)
    add(store, workbook_csv("c"))  # someone else was faster
    before = snapshot(store)
    with pytest.raises(StoreConflictError) as info:
        store.add_version(stale, by="siti", expected_active=1)
    assert "versi 2" in info.value.message()
    assert snapshot(store)["versions"] == before["versions"]
    assert store.add_version(stale, by="siti", expected_active=2).number == 3
    assert add(Store.open(store.root.parent / "empty"), workbook_csv("d"), expected_active=0).number == 1


def test_cache_round_trip_is_exact(store, reference):
    from lebak_dash.ingest.importer import import_workbook

    result = import_workbook(SAMPLE, reference=reference)
    add(store, SAMPLE.read_bytes(), "contoh.xlsx")
    loaded = store.load(1)
    pd.testing.assert_frame_equal(loaded.records, result.records)
    assert all(isinstance(k, tuple) for k in loaded.records["kecamatan"])
    assert loaded.issues == result.issues and loaded.sheets == result.sheets
    assert loaded.skipped_sheets == result.skipped_sheets and loaded.format == "xlsx"


def test_cache_keeps_issues_extra_columns_and_odd_values(store):
    text = (
        "Nama Inovasi,OPD,Tahapan,Kecamatan,Tahun,Anggaran,Catatan Bappeda\r\n"
        "Satu,Dinkes,Design,,2020,Rp 15.000.000,=1+1\r\n"
        "Dua,Dinas Entah,3,Maja dan Cibadak,,,\r\n"
        "Tiga,Dinkes,Tahap Aneh,Maja,,,\r\n"
        "Empat,Dinkes,Display,Kecamatan Atlantis,abc,,x\r\n"
    )
    candidate = store.check(text.encode(), "odd.csv", isolated=False)
    store.add_version(candidate, by="siti")
    loaded = store.load(1)
    pd.testing.assert_frame_equal(loaded.records, candidate.result.records)
    assert loaded.issues == candidate.result.issues and len(loaded.issues) >= 3
    assert loaded.extra_columns == ["Catatan Bappeda"] and loaded.rejected_rows == 1
    assert loaded.records["kecamatan"].tolist()[0] == ()


@pytest.mark.parametrize("damage", ["delete", "truncate", "garbage", "delete_issues"])
def test_missing_or_unreadable_cache_is_rebuilt(store, damage):
    version = add(store, SAMPLE.read_bytes(), "contoh.xlsx")
    expected = store.load(1)
    records_path, issues_path = store.records_cache.paths(version.sha256, store.active_state().reference_key)
    if damage == "delete":
        records_path.unlink()
    elif damage == "truncate":
        records_path.write_bytes(records_path.read_bytes()[:100])
    elif damage == "garbage":
        records_path.write_bytes(b"PAR1 not really")
    else:
        issues_path.unlink()
    loaded = store.load(1)
    pd.testing.assert_frame_equal(loaded.records, expected.records)
    assert loaded.issues == expected.issues
    assert records_path.is_file() and issues_path.is_file()  # rebuilt for next time


def test_damaged_original_is_reported_not_shown(store):
    version = add(store, workbook_csv("a"))
    damage_file(store, "original", version.sha256, b"diubah")
    for path in store.cache_dir.iterdir():
        path.unlink()
    with pytest.raises(StoreError) as info:
        store.load(1)
    assert info.value.key == "store.original_damaged"
    assert any("damaged" in p for p in store.verify())


def test_active_key_changes_with_activation(store):
    empty_key = store.active_key()
    assert empty_key.startswith("sample:")
    first = add(store, workbook_csv("a"))
    key1 = store.active_key()
    assert key1.startswith(f"v{first.number}:{first.sha256}:")
    add(store, workbook_csv("b"))
    assert store.active_key() not in (empty_key, key1)
    store.activate(1, by="siti")
    assert store.active_key() == key1
    # The same bytes uploaded again are a new version with its own number and date on screen.
    again = add(store, workbook_csv("a"))
    assert again.sha256 == first.sha256 and store.active_key() not in (key1, empty_key)


def test_load_active_dataset(store):
    sample = load_active_dataset(store)
    assert sample.is_sample and sample.version is None and sample.key == store.active_key()
    add(store, workbook_csv("a", extra=2), "rekap.csv", by="budi")
    dataset = load_active_dataset(store)
    assert not dataset.is_sample and dataset.version == 1 and dataset.uploaded_by == "budi"
    assert dataset.filename == "rekap.csv" and dataset.uploaded_at is not None
    assert len(dataset.records) == 482 and dataset.key == store.active_key()
    assert len(dataset.kecamatan_long) >= len(dataset.records)


def test_dataset_of_a_state_is_that_state(store):
    add(store, workbook_csv("a"))
    state = store.active_state()
    add(store, workbook_csv("b", extra=3))  # activated between reading the key and loading
    dataset = load_active_dataset(store, state)
    assert dataset.version == 1 and dataset.key == state.key


# ------------------------------------------------------------------------ reference lists
def opd_csv_with(extra_line: str = "", drop: str | None = None) -> bytes:
    lines = (ROOT / "data" / "reference" / "opd.csv").read_text(encoding="utf-8").splitlines()
    if drop:
        lines = [line for line in lines if not line.startswith(drop)]
    if extra_line:
        lines.append(extra_line)
    return ("\n".join(lines) + "\n").encode()


def test_reference_upload_reimports_the_active_workbook(store):
    text = "Nama Inovasi,OPD,Tahapan\r\nSatu,Dinas Baru Sekali,Design\r\nDua,Dinkes,Design\r\n"
    add(store, text.encode(), "x.csv")
    assert store.load(1).records["opd_dikenal"].tolist() == [False, True]
    key_before = store.active_key()
    candidate = store.check_reference(opd_csv_with("Dinas Baru Sekali,DBS,,Dinas,ya"), "opd-baru.csv")
    assert candidate.added == ("Dinas Baru Sekali",) and candidate.removed == ()
    assert candidate.diff is not None and candidate.diff.before == candidate.diff.after == 2
    version = store.add_reference(candidate, by="siti", note="OPD baru")
    assert version.number == 1 and version.active and version.opd_count == len(candidate.table)
    assert store.active_key() != key_before
    assert store.load(1).records["opd_dikenal"].tolist() == [True, True]
    assert store.reference().match_opd("DBS") == "Dinas Baru Sekali"
    assert store.reference_bytes() == candidate.data
    entry = store.audit(action="reference_upload")[0]
    assert entry.actor == "siti" and entry.detail["added"] == 1
    # back to the bundled list: the earlier key and records return
    store.activate_reference(0, by="siti")
    assert store.active_key() == key_before
    assert store.load(1).records["opd_dikenal"].tolist() == [False, True]
    assert store.reference().match_opd("DBS") is None


def test_invalid_reference_is_refused_with_reason(store):
    with pytest.raises(StoreError) as info:
        store.check_reference(b"nama,singkatan,alias,jenis\nDinkes,X,,Dinas\nDINKES,Y,,Dinas\n", "opd.csv")
    assert info.value.key == "store.reference_invalid" and "lebih dari sekali" in info.value.message()
    assert store.reference_versions() == []


def test_check_made_with_an_old_reference_is_refused(store):
    add(store, workbook_csv("a"))
    stale = store.check(workbook_csv("b"), "b.csv", isolated=False)
    store.add_reference(store.check_reference(opd_csv_with("Dinas Baru,DB,,Dinas,ya"), "o.csv"), by="siti")
    with pytest.raises(StoreConflictError) as info:
        store.add_version(stale, by="siti")
    assert info.value.key == "store.reference_changed"


# --------------------------------------------------------------------------- write errors
@pytest.mark.parametrize("point", ["original.write", "original.replace", "catalog.insert", "catalog.commit"])
def test_disk_full_changes_nothing(store, monkeypatch, point):
    if point.startswith("original") and store.backend != "sqlite":
        pytest.skip("on PostgreSQL the original is written in the catalog transaction (catalog.insert covers it)")
    add(store, workbook_csv("first"))
    before = snapshot(store)
    candidate = store.check(workbook_csv("second"), "b.csv", isolated=False)
    monkeypatch.setenv("LEBAK_STORE_TEST_FAIL", point)
    with pytest.raises(StoreWriteError) as info:
        store.add_version(candidate, by="siti")
    monkeypatch.delenv("LEBAK_STORE_TEST_FAIL")
    assert info.value.key == "store.disk_full"
    assert "Penyimpanan penuh" in info.value.message() and "Tidak ada yang diubah" in info.value.message()
    after = snapshot(store)
    assert after["versions"] == before["versions"] and after["state"] == before["state"]
    assert after["audit"] == before["audit"]
    if point.startswith("original"):
        assert after["files"] == before["files"]
    assert not list(store.root.rglob(".tmp-*"))
    assert len(store.load(1).records) == 481


def test_cache_write_failure_is_not_fatal(store, monkeypatch):
    monkeypatch.setenv("LEBAK_STORE_TEST_FAIL", "cache.write")
    version = add(store, workbook_csv("a"))
    monkeypatch.delenv("LEBAK_STORE_TEST_FAIL")
    assert version.active and len(store.load(1).records) == 481  # rebuilt from the original


def test_write_atomic_keeps_old_content_on_error(tmp_path, monkeypatch):
    target = tmp_path / "f"
    write_atomic(target, b"lama")
    monkeypatch.setenv("LEBAK_STORE_TEST_FAIL", "file.replace")
    with pytest.raises(OSError):
        write_atomic(target, b"baru")
    assert target.read_bytes() == b"lama" and sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_write_errors_have_clear_messages():
    table = [
        (OSError(errno.ENOSPC, "full"), "store.disk_full"),
        (OSError(errno.EDQUOT, "quota"), "store.disk_full"),
        (PermissionError(errno.EACCES, "denied"), "store.no_permission"),
        (OSError(errno.EROFS, "read-only"), "store.no_permission"),
        (OSError(errno.EIO, "io"), "store.write_failed"),
    ]
    errors = [write_error(exc, "/data/store") for exc, _ in table]
    assert [e.key for e in errors] == [key for _, key in table]
    assert all("/data/store" in e.message() and e.message("en") != e.message("id") for e in errors)


def test_sqlite_errors_are_translated(sqlite_store):
    conn = sqlite3.connect(sqlite_store.catalog_path)
    conn.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.Error) as info:
        conn.execute("INSERT INTO settings VALUES ('a', 'b')")
    conn.close()
    assert write_error(info.value, sqlite_store.catalog_path).key == "store.no_permission"


def test_unwritable_files_folder_changes_nothing(sqlite_store):
    """A real OS failure (no injection): the originals folder was replaced by a file."""
    add(sqlite_store, workbook_csv("a"))
    before = snapshot(sqlite_store)
    candidate = sqlite_store.check(workbook_csv("b"), "b.csv", isolated=False)
    for path in sqlite_store.files_dir.iterdir():
        path.rename(sqlite_store.root / path.name)
    sqlite_store.files_dir.rmdir()
    sqlite_store.files_dir.write_bytes(b"")
    with pytest.raises(StoreWriteError) as info:
        sqlite_store.add_version(candidate, by="siti")
    assert info.value.key == "store.write_failed" and str(sqlite_store.files_dir) in info.value.message()
    assert [v.to_dict() for v in sqlite_store.versions()] == before["versions"]
    assert sqlite_store.active_state() == before["state"]


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0, reason="root")
def test_read_only_folder_changes_nothing(sqlite_store):  # pragma: no cover - CI runs as root
    add(sqlite_store, workbook_csv("a"))
    before = snapshot(sqlite_store)
    candidate = sqlite_store.check(workbook_csv("b"), "b.csv", isolated=False)
    sqlite_store.files_dir.chmod(0o500)
    try:
        with pytest.raises(StoreWriteError) as info:
            sqlite_store.add_version(candidate, by="siti")
    finally:
        sqlite_store.files_dir.chmod(0o700)
    assert info.value.key == "store.no_permission"
    assert snapshot(sqlite_store)["versions"] == before["versions"]


def test_stale_temp_files_are_cleaned_but_fresh_ones_kept(sqlite_store):
    import os
    import time

    old = sqlite_store.files_dir / ".tmp-abc-old"
    new = sqlite_store.files_dir / ".tmp-abc-new"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    past = time.time() - 2 * 3600
    os.utime(old, (past, past))
    Store.open(sqlite_store.root)
    assert not old.exists() and new.exists()


# ---------------------------------------------------------------------------- threads
def test_threads_adding_at_once_are_all_recorded(store):
    candidates = [store.check(workbook_csv(f"t{i}", extra=i + 1), f"t{i}.csv", isolated=False) for i in range(6)]
    barrier = threading.Barrier(len(candidates))
    errors: list[BaseException] = []

    def apply(candidate):
        barrier.wait()
        try:
            store.add_version(candidate, by="siti")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=apply, args=(c,)) for c in candidates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    versions = store.versions()
    assert [v.number for v in versions] == list(range(1, 7))
    assert sorted(v.records for v in versions) == [481, 482, 483, 484, 485, 486]
    assert store.active().number == 6
    assert sorted(e.version for e in store.audit(action="upload")) == list(range(1, 7))
    assert store.verify() == []


def test_reference_check_made_before_an_upload_is_refused(store):
    add(store, workbook_csv("a"))
    candidate = store.check_reference(opd_csv_with("Dinas Baru,DB,,Dinas,ya"), "o.csv")
    add(store, workbook_csv("b"))  # the comparison shown was against version 1
    with pytest.raises(StoreConflictError):
        store.add_reference(candidate, by="siti")
    assert store.reference_versions() == []


# ---------------------------------------------------------------------------- messages
def test_every_audited_action_has_a_name_to_show():
    from lebak_dash.i18n import STRINGS
    from lebak_dash.store import ACTIONS

    assert [a for a in ACTIONS if f"audit.{a}" not in STRINGS] == []


def raw_refusals(store, statements: list[str]) -> list[str]:
    """Run each statement on a connection of the database's own (not the store's) and return why it was refused."""
    if store.backend == "sqlite":
        conn, refused = sqlite3.connect(store.catalog_path), sqlite3.IntegrityError
    else:
        import psycopg

        conn, refused = psycopg.connect(store.database.url, autocommit=True), psycopg.errors.IntegrityError
    messages = []
    for statement in statements:
        with pytest.raises(refused) as info:
            conn.execute(statement)
        messages.append(str(info.value).splitlines()[0])
    conn.close()
    return messages


def test_catalog_refuses_to_delete_or_rewrite_history(store):
    add(store, workbook_csv("a"))
    store.add_reference(store.check_reference(opd_csv_with("Dinas Baru,DB,,Dinas,ya"), "o.csv"), by="siti")
    before = snapshot(store)
    statements = [
        "DELETE FROM versions",
        "UPDATE versions SET records = 0",
        "DELETE FROM reference_versions",
        "UPDATE reference_versions SET filename = 'lain.csv'",
        "DELETE FROM audit",
        "UPDATE audit SET actor = 'x'",
    ]
    assert raw_refusals(store, statements) == [
        "versions are never deleted",
        "versions are never changed",
        "reference versions are never deleted",
        "reference versions are never changed",
        "the audit log is append-only",
        "the audit log is append-only",
    ]
    assert snapshot(store) == before


def test_postgresql_refuses_truncate_and_changing_stored_files(open_store):
    """On PostgreSQL the originals are rows: append-only like the history, TRUNCATE refused too."""
    store = open_store()
    if store.backend != "postgresql":
        pytest.skip("TRUNCATE and the blobs table are PostgreSQL's")
    add(store, workbook_csv("a"))
    statements = ["TRUNCATE versions CASCADE", "TRUNCATE audit", "DELETE FROM blobs", "UPDATE blobs SET data = ''"]
    assert raw_refusals(store, statements) == [
        "versions are never deleted",
        "the audit log is append-only",
        "stored files are never deleted",
        "stored files are never changed",
    ]
    assert store.verify() == []

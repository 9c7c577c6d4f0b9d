"""``migrate`` copies an embedded store into PostgreSQL whole; ``verify`` checks either backend."""

from __future__ import annotations

import json

from lebak_dash.store import Store
from lebak_dash.store.auth import add_editor, authenticate, set_viewer_password

from .store_helpers import run_cli, stored_files, workbook_csv
from .test_store import opd_csv_with


def embedded_store(folder) -> Store:
    """Return a store with several versions (one rolled back to), an OPD list, an editor and an audit trail."""
    store = Store.open(folder, url="")
    for i in range(3):
        store.add_version(store.check(workbook_csv(f"m{i}", extra=i + 1), f"m{i}.csv", isolated=False), by="siti")
    store.activate(2, by="budi", note="kembali")
    store.add_reference(store.check_reference(opd_csv_with("Dinas Baru,DB,,Dinas,ya"), "opd.csv"), by="siti")
    add_editor(store, "siti", "Sandi-Editor-2019")
    assert authenticate(store, "siti", "Sandi-Editor-2019", address="10.0.0.2").ok
    assert not authenticate(store, "siti", "salah-sandi-ini", address="10.0.0.2").ok
    set_viewer_password(store, "Sandi-Penonton-42")
    return store


def rows(store: Store, *tables: str) -> list[tuple]:
    with store.read() as conn:
        return [tuple(r) for t in tables for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]


def cli_json(data_dir, *args: str, **env: str) -> object:
    proc = run_cli(data_dir, *args, "--json", **env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout) if proc.stdout.lstrip().startswith(("[", "{")) else proc.stdout


def test_migrate_copies_everything_and_both_backends_answer_the_same(tmp_path, pg_url):
    folder = tmp_path / "store"
    source = embedded_store(folder)
    proc = run_cli(folder, "migrate", "--from", str(folder), "--to", pg_url, LEBAK_CACHE_DIR=str(tmp_path / "cache"))
    assert proc.returncode == 0, proc.stderr
    assert "Disalin ke postgresql://127.0.0.1" in proc.stdout and "Penyimpanan utuh" in proc.stdout
    assert "postgres@" not in proc.stdout + proc.stderr  # the address's credentials are never printed
    target = Store.open(tmp_path / "cache", url=pg_url)
    for command in (["versions"], ["audit", "--limit", "1000"], ["verify"]):
        embedded = cli_json(folder, *command)
        shared = cli_json(tmp_path / "unused", *command, "--store-url", pg_url)
        assert shared == embedded, command
    originals = {name.rsplit("/", 1)[1]: data for name, data in stored_files(target, "original").items()}
    assert originals == stored_files(source, "original")  # byte for byte
    assert target.reference_bytes() == source.reference_bytes()
    assert target.active_state() == source.active_state()
    tables = ("settings", "login_throttle", "editors", "editor_sessions")
    assert rows(target, *tables) == rows(source, *tables)
    target.log("login", "siti")  # the audit numbering continues after the copied lines
    assert target.audit(limit=1)[0].id == source.audit(limit=1)[0].id + 1
    assert authenticate(target, "siti", "Sandi-Editor-2019", address="10.0.0.9").ok


def test_migrate_into_a_store_that_holds_data_copies_nothing(tmp_path, pg_url):
    folder = tmp_path / "store"
    embedded_store(folder)
    target = Store.open(tmp_path / "cache", url=pg_url)
    target.add_version(target.check(workbook_csv("lain"), "lain.csv", isolated=False), by="ani")
    proc = run_cli(folder, "migrate", "--from", str(folder), "--to", pg_url)
    assert proc.returncode == 1 and "tidak kosong" in proc.stderr
    assert [v.uploaded_by for v in target.versions()] == ["ani"] and len(target.audit()) == 1
    proc = run_cli(folder, "migrate", "--from", str(tmp_path / "tidak-ada"), "--to", pg_url)
    assert proc.returncode == 1 and "catalog.sqlite" in proc.stderr


def test_verify_finds_a_damaged_original_on_either_backend(open_store):
    from .store_helpers import damage_file

    store = open_store()
    version = store.add_version(store.check(workbook_csv("v"), "v.csv", isolated=False), by="siti")
    assert store.verify() == []
    damage_file(store, "original", version.sha256, b"rusak")
    assert [p.split(":")[0] for p in store.verify()] == ["damaged"]

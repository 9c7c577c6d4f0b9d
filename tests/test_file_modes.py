"""What the store writes is private to the server's user: files 0600, folders 0700, whatever the umask.

Under the usual umask 022 a file would be created 0644 and a folder 0755: readable by every local
user (the catalog holds the password hashes). ``verify`` reports anything wider.
"""

from __future__ import annotations

import os
import stat

import pytest

from lebak_dash.cli.main import main
from lebak_dash.store import Store, write_atomic

from .conftest import SAMPLE


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes(root) -> dict[str, int]:
    """Return the permission bits of `root` and of everything below it, by path relative to `root`'s parent."""
    return {str(path.relative_to(root.parent)): stat.S_IMODE(path.lstat().st_mode) for path in [root, *root.rglob("*")]}


def filled_store(folder) -> Store:
    """A store with a version, an OPD list, its caches, and the catalog's WAL files open."""
    store = Store.open(folder)
    store.add_version(store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False), by="siti")
    opd = store.reference_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n"
    store.add_reference(store.check_reference(opd, "opd.csv"), by="siti")
    store.log("login", "siti")
    assert len(store.load(1).records) == 480
    return store


def test_everything_the_store_writes_is_private_under_umask_022(tmp_path, umask_022, monkeypatch):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")  # the files' modes are the point here, not the worker
    store = filled_store(tmp_path / "data" / "store")  # the missing parent is made too
    found = modes(tmp_path / "data")
    names = set(found)
    for expected in ("data/store/catalog.sqlite", "data/store/catalog.sqlite-wal", "data/store/catalog.sqlite-shm"):
        assert expected in names
    kinds = {p.split("/")[2] for p in names if p.count("/") == 3}
    assert kinds == {"files", "cache", "references"}  # an original, its caches and an OPD list
    assert len([p for p in names if p.startswith("data/store/cache/")]) == 4
    folders = {p for p in names if (tmp_path / p).is_dir()}
    assert {p: oct(m) for p, m in found.items() if p in folders and m != 0o700} == {}
    assert {p: oct(m) for p, m in found.items() if p not in folders and m != 0o600} == {}
    assert store.verify() == []


def test_files_written_for_a_user_are_private_too(tmp_path, umask_022):
    write_atomic(tmp_path / "ekspor.csv", b"a,b\r\n")
    assert stat.S_IMODE((tmp_path / "ekspor.csv").stat().st_mode) == 0o600


def test_verify_reports_wider_permissions(tmp_path, umask_022, monkeypatch, capsys):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    store = filled_store(tmp_path / "store")
    original = store.files_dir / store.version(1).sha256
    os.chmod(original, 0o644)
    os.chmod(store.cache_dir, 0o755)
    os.chmod(store.catalog_path, 0o640)
    assert store.verify() == [
        f"permissions: {store.root / 'cache'} 0755 -> 0700",
        f"permissions: {store.catalog_path} 0640 -> 0600",
        f"permissions: {original} 0644 -> 0600",
    ]
    assert main(["verify", "--data-dir", str(store.root), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.count("permissions too wide, other users on the server can open it:") == 3
    assert f"{original} 0644 -> 0600" in out
    for path in (original, store.catalog_path):
        os.chmod(path, 0o600)
    os.chmod(store.cache_dir, 0o700)
    assert main(["verify", "--data-dir", str(store.root)]) == 0

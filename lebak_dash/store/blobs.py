"""The original files of a store: every uploaded workbook, OPD list, kecamatan list and boundary file, byte for byte.

One interface, two homes (the same as the catalog's backend):

* :class:`FolderBlobs` (SQLite): files in the data folder named by their SHA-256, written
  atomically *before* the catalog transaction that records them (a crash leaves at worst an
  unreferenced file, never a version without its file), exactly as before.
* :class:`DatabaseBlobs` (PostgreSQL): rows of the table ``blobs`` (``kind``, ``sha256``,
  ``bytea``) written *in* the catalog transaction, so a version and its file are committed
  together on every replica. ``bytea`` rather than large objects: the files are small (the
  upload limit), a row is dumped, replicated and access-controlled with the rest of the
  catalog, and there is no orphan object to clean up.

Callers use :meth:`~Blobs.put_before` (before the transaction), :meth:`~Blobs.put_in` (inside
it), :meth:`~Blobs.get` (read back, verified against the hash) and :meth:`~Blobs.problems`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from lebak_dash.ingest.importer import file_sha256
from lebak_dash.store.database import Connection, Database
from lebak_dash.store.errors import StoreError
from lebak_dash.store.files import file_problems, read_verified, store_once

#: The kinds of original file, each with its folder and file-name suffix in a data folder, and
#: the crash-test checkpoint its write passes (:func:`lebak_dash.store.files.checkpoint`).
KINDS: dict[str, tuple[str, str, str]] = {
    "original": ("files", "", "original"),
    "opd": ("references", ".csv", "reference"),
    "kecamatan": ("references", ".kec", "reference"),
    "boundaries": ("boundaries", ".boundary", "boundaries"),
}


class Blobs(Protocol):
    """Where the original files live."""

    def put_before(self, kind: str, sha256: str, data: bytes) -> None:
        """Store `data` before the catalog transaction that records it (the folder's way)."""

    def put_in(self, conn: Connection, kind: str, sha256: str, data: bytes) -> None:
        """Store `data` inside the catalog transaction that records it (the database's way)."""

    def get(self, kind: str, sha256: str, number: int) -> bytes:
        """Return the bytes, checked against `sha256` (``store.original_missing`` / ``store.original_damaged``)."""

    def present(self, kind: str, sha256: str) -> bool:
        """Return True when the file is there (not checked against its hash)."""

    def where(self, kind: str, sha256: str) -> str:
        """Return where the file is (a path, or the database and the row), for messages."""

    def problems(self, kind: str, hashes: Iterable[str]) -> list[str]:
        """Return ``missing: ...`` / ``damaged: ...`` for the files not holding the bytes they are named by."""


class FolderBlobs:
    """Original files in a data folder (``files/``, ``references/``, ``boundaries/``).

    Parameters
    ----------
    root : Path
        The data folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, kind: str, sha256: str) -> Path:
        """Return the file of `sha256` of `kind`."""
        folder, suffix, _point = KINDS[kind]
        return self.root / folder / f"{sha256}{suffix}"

    def put_before(self, kind: str, sha256: str, data: bytes) -> None:
        """Write the file atomically unless it is there already (same bytes, one file)."""
        store_once(self.path(kind, sha256), data, KINDS[kind][2])

    def put_in(self, conn: Connection, kind: str, sha256: str, data: bytes) -> None:
        """Nothing: the file was written before the transaction."""

    def get(self, kind: str, sha256: str, number: int) -> bytes:
        """Return the file's bytes, checked against `sha256`."""
        return read_verified(self.path(kind, sha256), sha256, number)

    def present(self, kind: str, sha256: str) -> bool:
        """Return True when the file exists."""
        return self.path(kind, sha256).is_file()

    def where(self, kind: str, sha256: str) -> str:
        """Return the file's path."""
        return str(self.path(kind, sha256))

    def problems(self, kind: str, hashes: Iterable[str]) -> list[str]:
        """Return the files that are missing or damaged."""
        folder, suffix, _point = KINDS[kind]
        return file_problems(self.root / folder, [f"{sha}{suffix}" for sha in hashes], suffix)


class DatabaseBlobs:
    """Original files in the catalog database's table ``blobs``.

    Parameters
    ----------
    database : Database
    """

    def __init__(self, database: Database) -> None:
        self.database = database

    def put_before(self, kind: str, sha256: str, data: bytes) -> None:
        """Nothing: the file is written in the transaction."""

    def put_in(self, conn: Connection, kind: str, sha256: str, data: bytes) -> None:
        """Insert the file unless it is there already (same bytes, one row)."""
        conn.execute(
            "INSERT INTO blobs (kind, sha256, data) VALUES (?, ?, ?) ON CONFLICT (kind, sha256) DO NOTHING",
            (kind, sha256, bytes(data)),
        )

    def where(self, kind: str, sha256: str) -> str:
        """Return the database (without credentials) and the row."""
        return f"{self.database.location} blobs/{kind}/{sha256}"

    def get(self, kind: str, sha256: str, number: int) -> bytes:
        """Return the file's bytes, checked against `sha256`."""
        with self.database.read() as conn:
            row = conn.execute("SELECT data FROM blobs WHERE kind = ? AND sha256 = ?", (kind, sha256)).fetchone()
        if row is None:
            raise StoreError("store.original_missing", number=number, path=self.where(kind, sha256))
        data = bytes(row[0])
        if file_sha256(data) != sha256:
            raise StoreError("store.original_damaged", number=number, path=self.where(kind, sha256))
        return data

    def present(self, kind: str, sha256: str) -> bool:
        """Return True when the row exists."""
        with self.database.read() as conn:
            row = conn.execute("SELECT 1 FROM blobs WHERE kind = ? AND sha256 = ?", (kind, sha256)).fetchone()
        return row is not None

    def problems(self, kind: str, hashes: Iterable[str]) -> list[str]:
        """Return the files that are missing or damaged (the hash computed by the database)."""
        with self.database.read() as conn:
            found = dict(
                conn.execute("SELECT sha256, encode(sha256(data), 'hex') FROM blobs WHERE kind = ?", (kind,)).fetchall()
            )
        problems = []
        for sha in hashes:
            if sha not in found:
                problems.append(f"missing: {self.where(kind, sha)}")
            elif found[sha] != sha:
                problems.append(f"damaged: {self.where(kind, sha)}")
        return problems

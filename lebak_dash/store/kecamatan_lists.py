"""Kecamatan-list versions: every uploaded kecamatan list, the active one, and the table it makes.

``references/<sha256>.kec`` holds each list byte for byte (CSV or a workbook); the catalog's
``kecamatan_versions`` table numbers them and ``state.active_kecamatan`` names the active one
(NULL: the bundled ``data/reference/kecamatan.csv``, Lebak's 28 kecamatan, shown as version 0).

As with an OPD list, checking a new list (:meth:`KecamatanLists.check`) re-imports the active
workbook with it in the isolated worker, so an editor sees what changes before applying; every
list, uploaded or stored, is parsed in the worker (:func:`lebak_dash.ingest.sandbox.kecamatan_table`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from lebak_dash.ingest.importer import file_sha256
from lebak_dash.ingest.sandbox import WORKER_FAILURES, import_in_worker, kecamatan_table
from lebak_dash.records.diff import Diff, diff_records
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import (
    DEFAULT_REFERENCE_DIR,
    KECAMATAN_FILE,
    Reference,
    ReferenceListError,
    build_reference,
    load_reference,
    table_has_centroids,
)
from lebak_dash.store.catalog import Catalog, clean_actor, clean_line, clean_note, parse_time, version_json
from lebak_dash.store.errors import StoreConflictError, StoreError, VersionNotFoundError
from lebak_dash.store.files import file_problems, read_verified, store_once
from lebak_dash.store.references import BaseWorkbook

#: Suffix of a stored kecamatan list in ``references/``.
SUFFIX = ".kec"


@dataclass(frozen=True)
class KecamatanVersion:
    """One uploaded kecamatan list (number 0 is never stored: the bundled list has no row)."""

    number: int
    sha256: str
    filename: str
    uploaded_by: str
    uploaded_at: dt.datetime
    kecamatan_count: int
    centroids: bool
    note: str
    active: bool

    def to_dict(self) -> dict[str, object]:
        """Return the version as a JSON-ready dict (the same form as a data version's)."""
        return version_json(asdict(self))


@dataclass(frozen=True)
class KecamatanCandidate:
    """A checked kecamatan list, not stored yet: pass it to :meth:`lebak_dash.store.Store.add_kecamatan`.

    Attributes
    ----------
    data : bytes
    sha256 : str
    filename : str
    table : pandas.DataFrame
        The list as read (:func:`~lebak_dash.records.reference.kecamatan_table_from_rows`).
    reference : Reference
        The reference tables with this list (the active OPD list and region).
    added, removed : tuple of str
        Kecamatan new in this list, and those no longer in it (against the active list).
    reimport : ImportResult or None
        The active workbook read again with this list (None when no version is active).
    diff : Diff or None
    base_version, base_kecamatan : int or None
        The active workbook version and kecamatan list the comparison was made against.
    """

    data: bytes
    sha256: str
    filename: str
    table: pd.DataFrame
    reference: Reference
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reimport: ImportResult | None
    diff: Diff | None
    base_version: int | None = None
    base_kecamatan: int | None = None

    @property
    def unknown(self) -> int:
        """Return how many rows of the re-imported workbook name a kecamatan this list does not know."""
        if self.reimport is None:
            return 0
        return sum(1 for issue in self.reimport.issues if issue.code == "row.kecamatan_unknown")


class KecamatanLists:
    """The kecamatan lists of a store.

    Parameters
    ----------
    catalog : Catalog
    folder : Path
        The ``references/`` folder.
    """

    def __init__(self, catalog: Catalog, folder: Path) -> None:
        self.catalog = catalog
        self.folder = Path(folder)
        self._tables: dict[str, pd.DataFrame] = {}
        self._lock = threading.Lock()

    def active_number(self) -> int | None:
        """Return the active list's number (None: the bundled list)."""
        with self.catalog.read() as conn:
            number: int | None = conn.execute("SELECT active_kecamatan FROM state").fetchone()[0]
        return number

    def versions(self) -> list[KecamatanVersion]:
        """Return every uploaded kecamatan list, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_kecamatan FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM kecamatan_versions ORDER BY number").fetchall()
        return [
            KecamatanVersion(
                r["number"],
                r["sha256"],
                r["filename"],
                r["uploaded_by"],
                parse_time(r["uploaded_at"]),
                r["kecamatan_count"],
                bool(r["centroids"]),
                r["note"],
                r["number"] == active,
            )
            for r in rows
        ]

    def sha(self, number: int | None) -> str | None:
        """Return the hash of list `number` (None for None or 0: the bundled list).

        Raises
        ------
        VersionNotFoundError
        """
        if not number:
            return None
        with self.catalog.read() as conn:
            row = conn.execute("SELECT sha256 FROM kecamatan_versions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise VersionNotFoundError("store.kecamatan_not_found", number=number)
        sha: str = row[0]
        return sha

    def original_bytes(self, number: int | None = None) -> bytes:
        """Return list `number` as uploaded (None: the active one; 0: the bundled CSV)."""
        if number is None:
            number = self.active_number()
        sha = self.sha(number)
        if sha is None:
            return (DEFAULT_REFERENCE_DIR / KECAMATAN_FILE).read_bytes()
        return read_verified(self.folder / f"{sha}{SUFFIX}", sha, number or 0)

    def table_of(self, sha: str | None, number: int | None = None) -> pd.DataFrame:
        """Return the table of the list with hash `sha` (None: the bundled one), read in the worker once.

        Raises
        ------
        StoreError
            ``store.kecamatan_invalid`` when a stored list no longer reads.
        """
        if sha is None:
            return load_reference().kecamatan
        with self._lock:
            cached = self._tables.get(sha)
        if cached is not None:
            return cached
        data = read_verified(self.folder / f"{sha}{SUFFIX}", sha, number or 0)
        try:
            table = kecamatan_table(data)
        except ReferenceListError as exc:  # a stored list was valid when it was uploaded
            raise StoreError("store.kecamatan_invalid", reason=exc.key, **exc.params) from exc
        with self._lock:
            self._tables[sha] = table
        return table

    def table(self, number: int | None = None) -> pd.DataFrame:
        """Return the table of list `number` (None: the active one; 0: the bundled one)."""
        if number is None:
            number = self.active_number()
        return self.table_of(self.sha(number), number)

    def check(
        self,
        data: bytes,
        filename: str,
        *,
        current: Reference,
        base: BaseWorkbook | None,
        base_kecamatan: int | None,
        place: Callable[[Reference], Reference] | None = None,
    ) -> KecamatanCandidate:
        """Validate a kecamatan list and show what it would change; nothing is stored.

        Parameters
        ----------
        data : bytes
            The uploaded CSV or workbook.
        filename : str
        current : Reference
            The reference tables in use (the new list replaces their kecamatan table).
        base : BaseWorkbook or None
            The active workbook, re-imported with the new list (None: no version is active).
        base_kecamatan : int or None
            The active kecamatan list (None: the bundled one).
        place : callable, optional
            Gives the new tables the kecamatan boundaries in use, matched to the new list
            (:meth:`lebak_dash.store.references.ReferenceLists.with_boundaries`): the active
            workbook is re-read with them, so a record placed by its coordinates keeps its
            kecamatan, and a kecamatan without a centroid takes its shape's.

        Raises
        ------
        StoreError
            ``store.kecamatan_invalid`` with the validator's reason.
        """
        try:
            table = kecamatan_table(data, filename)
            reference = build_reference(current.opd, table, current.region)
        except ReferenceListError as exc:
            raise StoreError("store.kecamatan_invalid", reason=exc.key, **exc.params) from exc
        if place is not None:
            reference = place(reference)
        old_names, new_names = set(current.kecamatan_names), set(reference.kecamatan_names)
        reimport = diff = None
        if base is not None:
            reimport = import_in_worker(base.data, filename=base.filename, reference=reference, mappings=base.mappings)
            failed = [i for i in reimport.errors if i.code in WORKER_FAILURES and i.sheet is None and i.row is None]
            if failed:
                raise StoreError("store.rebuild_failed", number=base.number, reason=failed[0].code)
            diff = diff_records(base.records, reimport.records)
        return KecamatanCandidate(
            data=bytes(data),
            sha256=file_sha256(data),
            filename=filename,
            table=table,
            reference=reference,
            added=tuple(n for n in reference.kecamatan_names if n not in old_names),
            removed=tuple(n for n in current.kecamatan_names if n not in new_names),
            reimport=reimport,
            diff=diff,
            base_version=None if base is None else base.number,
            base_kecamatan=base_kecamatan,
        )

    def add(self, candidate: KecamatanCandidate, by: str, note: str = "") -> KecamatanVersion:
        """Store a checked kecamatan list and make it active (audited as ``kecamatan_upload``).

        Raises
        ------
        StoreConflictError
            When another workbook version or kecamatan list became active since the check.
        StoreWriteError
        """
        store_once(self.folder / f"{candidate.sha256}{SUFFIX}", candidate.data, "reference")
        with self.catalog.transaction() as conn:
            active, active_kecamatan = conn.execute("SELECT active_version, active_kecamatan FROM state").fetchone()
            if active != candidate.base_version:
                raise StoreConflictError("store.conflict", expected=candidate.base_version or 0, active=active or 0)
            if active_kecamatan != candidate.base_kecamatan:
                raise StoreConflictError("store.kecamatan_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM kecamatan_versions").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO kecamatan_versions (number, sha256, filename, uploaded_by, uploaded_at, "
                "kecamatan_count, centroids, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    candidate.sha256,
                    clean_line(candidate.filename, 255),
                    clean_actor(by),
                    now,
                    len(candidate.table),
                    int(table_has_centroids(candidate.table)),
                    clean_note(note),
                ),
            )
            conn.execute("UPDATE state SET active_kecamatan = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn,
                "kecamatan_upload",
                by,
                None,
                kecamatan_version=number,
                sha256=candidate.sha256,
                filename=candidate.filename,
                count=len(candidate.table),
                added=len(candidate.added),
                removed=len(candidate.removed),
                note=clean_note(note),
            )
        with self._lock:
            self._tables[candidate.sha256] = candidate.table
        return next(v for v in self.versions() if v.number == number)

    def activate(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make kecamatan list `number` active (0: back to the bundled list); audited as ``kecamatan_activate``."""
        if number:
            self.table(number)  # refuses a missing or damaged list before anything changes
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_kecamatan FROM state").fetchone()[0]
            if expected_active is not None and (before or 0) != expected_active:
                raise StoreConflictError("store.kecamatan_changed")
            now = self.catalog.now().isoformat()
            conn.execute("UPDATE state SET active_kecamatan = ?, changed_at = ?", (number or None, now))
            self.catalog.audit_in(conn, "kecamatan_activate", by, None, kecamatan_version=number, previous=before)

    def file_problems(self) -> list[str]:
        """Return the stored lists that are missing or do not hold the bytes they are named by."""
        names = [f"{sha}{SUFFIX}" for sha in self.catalog.hashes("kecamatan_versions")]
        return file_problems(self.folder, names, SUFFIX)

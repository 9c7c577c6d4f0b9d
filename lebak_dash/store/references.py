"""OPD-list versions: every uploaded OPD list, the active one, and the reference tables it makes.

``references/<sha256>.csv`` holds each list byte for byte; the catalog's ``reference_versions``
table numbers them and ``state.active_reference`` names the active one (NULL: the bundled
``data/reference/opd.csv``, shown as version 0). The reference tables are made of the OPD list
with the active kecamatan list (:mod:`lebak_dash.store.kecamatan_lists`) and the active region
(:mod:`lebak_dash.store.regions`); their key (:func:`reference_key`) names all three.

Checking a new list (:meth:`ReferenceLists.check`) re-imports the active workbook with it, so an
editor sees what changes before applying; the store's facade hands that workbook in
(:class:`BaseWorkbook`), since reading it is the data versions' job. Every list, uploaded or
stored, is read in the isolated worker (:func:`lebak_dash.ingest.sandbox.opd_table`), and so is
the re-import: this process only builds the lookups from the rows the worker returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from lebak_dash.ingest.importer import file_sha256
from lebak_dash.ingest.sandbox import WORKER_FAILURES, import_in_worker, opd_table
from lebak_dash.records.diff import Diff, diff_records
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import (
    DEFAULT_REFERENCE_DIR,
    KECAMATAN_FILE,
    OPD_FILE,
    Reference,
    ReferenceListError,
    build_reference,
    load_reference,
)
from lebak_dash.store.boundaries import BoundaryStore, active_boundaries_sha
from lebak_dash.store.catalog import Catalog, clean_actor, clean_line, clean_note, parse_time, version_json
from lebak_dash.store.errors import StoreConflictError, StoreError, VersionNotFoundError
from lebak_dash.store.files import cached_file_hash, file_problems, read_verified, store_once
from lebak_dash.store.regions import stored_region

#: The active kecamatan list and region, in one query: (number, hash of the list, region body).
ACTIVE_LISTS = (
    "SELECT s.active_kecamatan, k.sha256, g.body FROM state s "
    "LEFT JOIN kecamatan_versions k ON k.number = s.active_kecamatan "
    "LEFT JOIN region_versions g ON g.number = s.active_region"
)
#: ``table_of(sha, number)``: the kecamatan table of a stored list (None: the bundled one).
KecamatanTables = Callable[[str | None, int | None], pd.DataFrame]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReferenceVersion:
    """One uploaded OPD list (number 0 is never stored: the bundled list has no row)."""

    number: int
    sha256: str
    filename: str
    uploaded_by: str
    uploaded_at: dt.datetime
    opd_count: int
    note: str
    active: bool

    def to_dict(self) -> dict[str, object]:
        """Return the reference version as a JSON-ready dict (the same form as a data version's)."""
        return version_json(asdict(self))


@dataclass(frozen=True)
class BaseWorkbook:
    """The active workbook an OPD list is checked against.

    Attributes
    ----------
    number : int
        Its version.
    filename : str
    data : bytes
        The original bytes.
    records : pandas.DataFrame
        Its records as read with the active OPD list.
    mappings : tuple of ColumnMapping
        The column mappings it was read with.
    """

    number: int
    filename: str
    data: bytes
    records: pd.DataFrame
    mappings: tuple[ColumnMapping, ...] = ()


@dataclass(frozen=True)
class ReferenceCandidate:
    """A checked OPD list, not stored yet: pass it to :meth:`lebak_dash.store.Store.add_reference`.

    Attributes
    ----------
    data : bytes
    sha256 : str
    filename : str
    table : pandas.DataFrame
        The list as parsed by :func:`lebak_dash.records.reference.parse_opd_table`.
    reference : Reference
        The reference tables with this list.
    added, removed : tuple of str
        OPD names new in this list, and names no longer in it (against the active list).
    reimport : ImportResult or None
        The active workbook read again with this list (None when no version is active).
    diff : Diff or None
        What changes in the dashboard's records when this list is applied.
    base_version, base_reference : int or None
        The active workbook version and OPD list the comparison was made against.
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
    base_reference: int | None = None


def reference_key(
    opd_sha256: str | None,
    kecamatan_sha256: str | None = None,
    region_body: str | None = None,
    boundaries_sha256: str | None = None,
) -> str:
    """Return the key of the reference tables made of an OPD list, a kecamatan list, a region and boundaries.

    Parameters
    ----------
    opd_sha256 : str or None
        SHA-256 of the OPD list's bytes; None for the bundled ``data/reference/opd.csv``.
    kecamatan_sha256 : str or None
        SHA-256 of the kecamatan list's bytes; None for the bundled ``data/reference/kecamatan.csv``.
    region_body : str or None
        The stored region (JSON); None for the shipped region (the key is then that of a store
        made before regions were data, so its caches stay valid).
    boundaries_sha256 : str or None
        SHA-256 of the kecamatan boundary file in use (None: none; the key is then the one of
        stores without boundaries, so their caches stay valid).
    """
    opd = opd_sha256 or cached_file_hash(DEFAULT_REFERENCE_DIR / OPD_FILE)
    kecamatan = kecamatan_sha256 or cached_file_hash(DEFAULT_REFERENCE_DIR / KECAMATAN_FILE)
    text = f"{opd}:{kecamatan}" if region_body is None else f"{opd}:{kecamatan}:{region_body}"
    places = f":{boundaries_sha256}" if boundaries_sha256 else ""
    return hashlib.sha256(f"{text}{places}".encode()).hexdigest()[:16]


class ReferenceLists:
    """The OPD lists of a store.

    Parameters
    ----------
    catalog : Catalog
    folder : Path
        The ``references/`` folder.
    """

    def __init__(
        self,
        catalog: Catalog,
        folder: Path,
        kecamatan_tables: KecamatanTables | None = None,
        boundaries: BoundaryStore | None = None,
    ) -> None:
        self.catalog = catalog
        self.folder = Path(folder)
        self.kecamatan_tables: KecamatanTables = kecamatan_tables or (lambda _sha, _number: load_reference().kecamatan)
        self.boundaries = boundaries
        self._tables: dict[str, Reference] = {}
        self._lock = threading.Lock()

    def active_lists(self) -> tuple[int | None, str | None, str | None]:
        """Return the active kecamatan list (number and hash, None: bundled) and region body (None: shipped)."""
        with self.catalog.read() as conn:
            row = conn.execute(ACTIVE_LISTS).fetchone()
        return row[0], row[1], row[2]

    def with_boundaries(self, reference: Reference) -> Reference:
        """Return `reference` with the kecamatan boundaries in use (as it is when there are none).

        Boundaries that cannot be matched to this kecamatan list are left out, logged: the
        centroid map is shown rather than an error on every page. A kecamatan the list gives no
        centroid takes its shape's label point (:meth:`Reference.with_boundaries`).
        """
        if self.boundaries is None:
            return reference
        try:
            found = self.boundaries.boundaries(reference)
        except StoreError as exc:
            log.warning("kecamatan boundaries not used: %s", exc)
            return reference
        return reference if found is None else reference.with_boundaries(found)

    def active_number(self) -> int | None:
        """Return the active list's number (None: the bundled list)."""
        with self.catalog.read() as conn:
            number: int | None = conn.execute("SELECT active_reference FROM state").fetchone()[0]
        return number

    def versions(self) -> list[ReferenceVersion]:
        """Return every uploaded OPD list, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM reference_versions ORDER BY number").fetchall()
        return [
            ReferenceVersion(
                r["number"],
                r["sha256"],
                r["filename"],
                r["uploaded_by"],
                parse_time(r["uploaded_at"]),
                r["opd_count"],
                r["note"],
                r["number"] == active,
            )
            for r in rows
        ]

    def sha(self, number: int | None) -> str | None:
        """Return the hash of list `number` (None for None: the bundled list).

        Raises
        ------
        VersionNotFoundError
        """
        if number is None:
            return None
        with self.catalog.read() as conn:
            row = conn.execute("SELECT sha256 FROM reference_versions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise VersionNotFoundError("store.reference_not_found", number=number)
        sha: str = row[0]
        return sha

    def csv_bytes(self, number: int | None = None) -> bytes:
        """Return the OPD list CSV of version `number` (None: the active one; 0: bundled)."""
        if number is None:
            number = self.active_number()
        sha = self.sha(number or None)
        if sha is None:
            return (DEFAULT_REFERENCE_DIR / OPD_FILE).read_bytes()
        return read_verified(self.folder / f"{sha}.csv", sha, number or 0)

    def reference(self, number: int | None = None) -> Reference:
        """Return the reference tables with OPD list `number` (None: the active list; 0: bundled).

        The bundled tables of ``data/reference/`` are used until an editor uploads an OPD list.
        """
        if number is None:
            number = self.active_number()
        sha = self.sha(number or None)
        kec_number, kec_sha, region_body = self.active_lists()
        with self.catalog.read() as conn:
            boundaries_sha = active_boundaries_sha(conn)
        key = reference_key(sha, kec_sha, region_body, boundaries_sha)
        with self._lock:
            cached = self._tables.get(key)
        if cached is not None:
            return cached
        base = load_reference()
        kecamatan = self.kecamatan_tables(kec_sha, kec_number)
        region = stored_region(region_body)
        if sha is None and kec_sha is None and region_body is None:
            reference = base
        else:
            try:
                opd = base.opd if sha is None else opd_table(self.csv_bytes(number))
                reference = build_reference(opd, kecamatan, region)
            except ReferenceListError as exc:  # a stored list was valid when it was uploaded
                raise StoreError("store.reference_invalid", reason=exc.key, **exc.params) from exc
        reference = self.with_boundaries(reference)
        with self._lock:
            self._tables[key] = reference
        return reference

    def check(
        self, data: bytes, filename: str, *, base: BaseWorkbook | None, base_reference: int | None
    ) -> ReferenceCandidate:
        """Validate an OPD list and show what it would change; nothing is stored.

        Parameters
        ----------
        data : bytes
            The uploaded CSV.
        filename : str
        base : BaseWorkbook or None
            The active workbook, re-imported with the new list (None: no version is active).
        base_reference : int or None
            The active OPD list (None: the bundled one), which the names are compared with.

        Raises
        ------
        StoreError
            ``store.reference_invalid`` with the validator's reason.
        """
        current = self.reference(base_reference or 0)
        try:
            table = opd_table(data)
            reference = build_reference(table, current.kecamatan, current.region)
        except ReferenceListError as exc:
            raise StoreError("store.reference_invalid", reason=exc.key, **exc.params) from exc
        reference = self.with_boundaries(reference)
        old_names, new_names = set(current.opd_names), set(reference.opd_names)
        reimport = diff = None
        if base is not None:
            reimport = import_in_worker(base.data, filename=base.filename, reference=reference, mappings=base.mappings)
            failed = [i for i in reimport.errors if i.code in WORKER_FAILURES and i.sheet is None and i.row is None]
            if failed:
                raise StoreError("store.rebuild_failed", number=base.number, reason=failed[0].code)
            diff = diff_records(base.records, reimport.records)
        return ReferenceCandidate(
            data=bytes(data),
            sha256=file_sha256(data),
            filename=filename,
            table=table,
            reference=reference,
            added=tuple(n for n in reference.opd_names if n not in old_names),
            removed=tuple(n for n in current.opd_names if n not in new_names),
            reimport=reimport,
            diff=diff,
            base_version=None if base is None else base.number,
            base_reference=base_reference,
        )

    def add(self, candidate: ReferenceCandidate, by: str, note: str = "") -> ReferenceVersion:
        """Store a checked OPD list and make it active (audited as ``reference_upload``).

        Raises
        ------
        StoreConflictError
            When another workbook version or OPD list became active since the check.
        StoreWriteError
        """
        store_once(self.folder / f"{candidate.sha256}.csv", candidate.data, "reference")
        with self.catalog.transaction() as conn:
            active, active_reference = conn.execute("SELECT active_version, active_reference FROM state").fetchone()
            if active != candidate.base_version:
                raise StoreConflictError("store.conflict", expected=candidate.base_version or 0, active=active or 0)
            if active_reference != candidate.base_reference:
                raise StoreConflictError("store.reference_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM reference_versions").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO reference_versions (number, sha256, filename, uploaded_by, uploaded_at, opd_count, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    candidate.sha256,
                    clean_line(candidate.filename, 255),
                    clean_actor(by),
                    now,
                    len(candidate.table),
                    clean_note(note),
                ),
            )
            conn.execute("UPDATE state SET active_reference = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn,
                "reference_upload",
                by,
                None,
                reference_version=number,
                sha256=candidate.sha256,
                filename=candidate.filename,
                added=len(candidate.added),
                removed=len(candidate.removed),
                note=clean_note(note),
            )
        return next(r for r in self.versions() if r.number == number)

    def activate(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make OPD list `number` active (0: back to the bundled list); audited.

        With `expected_active` (the OPD list the user saw active, 0: the bundled one), a list
        activated by someone else in between is refused with :class:`StoreConflictError`.
        """
        if number:
            self.reference(number)  # refuses a missing or damaged list before anything changes
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            if expected_active is not None and (before or 0) != expected_active:
                raise StoreConflictError("store.reference_changed")
            now = self.catalog.now().isoformat()
            conn.execute("UPDATE state SET active_reference = ?, changed_at = ?", (number or None, now))
            self.catalog.audit_in(conn, "reference_activate", by, None, reference_version=number, previous=before)

    def file_problems(self) -> list[str]:
        """Return the stored lists that are missing or do not hold the bytes they are named by."""
        names = [f"{sha}.csv" for sha in self.catalog.hashes("reference_versions")]
        return file_problems(self.folder, names, ".csv")

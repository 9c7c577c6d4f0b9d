"""Data versions: every accepted workbook, the active one, their originals on disk and their records.

``files/<sha256>`` holds each accepted workbook byte for byte (same bytes twice are one file and
two versions); the catalog's ``versions`` table numbers them in commit order and
``state.active_version`` names the one the dashboard shows. A version is read with the active
OPD list (:class:`~lebak_dash.store.references.ReferenceLists`), from the records cache when it
can (:class:`~lebak_dash.store.cache.RecordsCache`), else from its original bytes, in the
isolated import worker (:mod:`lebak_dash.ingest.sandbox`): no import runs in the server process.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from lebak_dash.config import Limits
from lebak_dash.ingest.importer import file_sha256, import_workbook
from lebak_dash.ingest.sandbox import WORKER_FAILURES, default_isolation, import_in_worker, import_isolated
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.store.blobs import Blobs
from lebak_dash.store.boundaries import active_boundaries_sha, boundaries_sha_of
from lebak_dash.store.cache import RecordsCache
from lebak_dash.store.catalog import Catalog, clean_actor, clean_line, clean_note, parse_time, version_json
from lebak_dash.store.database import Connection
from lebak_dash.store.errors import StoreConflictError, StoreError, VersionNotFoundError
from lebak_dash.store.files import checkpoint
from lebak_dash.store.mappings import cache_key
from lebak_dash.store.references import ACTIVE_LISTS, BaseWorkbook, ReferenceLists, reference_key

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- value types
@dataclass(frozen=True)
class Version:
    """One accepted workbook.

    Attributes
    ----------
    number : int
        1, 2, 3... in the order the versions were recorded.
    sha256 : str
        Hash of the original bytes (the file's name in ``files/``).
    filename : str
        The name the file had when it was uploaded (shown, never used as a path).
    format : str
        ``xlsx``, ``xls``, ``ods`` or ``csv``.
    size : int
        Bytes.
    uploaded_by : str
    uploaded_at : datetime
        Time zone aware (UTC).
    records, rejected, errors, warnings : int
        Counts of the import at upload time.
    note : str
    kind : {"app", "cli"}
        Where the upload came from.
    reference_version : int or None
        OPD list active at upload time (None: the bundled list).
    active : bool
    """

    number: int
    sha256: str
    filename: str
    format: str
    size: int
    uploaded_by: str
    uploaded_at: dt.datetime
    records: int
    rejected: int
    errors: int
    warnings: int
    note: str
    kind: str
    reference_version: int | None
    active: bool

    def to_dict(self) -> dict[str, object]:
        """Return the version as a JSON-ready dict (``version``, ``sha256``, ``records``...)."""
        return version_json(asdict(self))


@dataclass(frozen=True)
class ActiveState:
    """What the dashboard should show, read in one small query.

    Attributes
    ----------
    version : int or None
        Active workbook version; None when the store holds none (the sample is shown).
    sha256 : str or None
    reference_version : int or None
        Active OPD list; None for the bundled one.
    reference_key : str
        Hash of the OPD and kecamatan lists and the region in use.
    stage_map : int or None
        The editors' stage map in use (None: off).
    key : str
        ``v<version>:<sha256>:<reference_key>`` (``sample:<reference_key>`` without a version),
        followed by ``:s<n>`` while stage map *n* is on: the :attr:`lebak_dash.views.dataset.Dataset.key`
        of the data to show. It changes whenever a version, an OPD list or a stage map is
        activated (the version number is part of it: the same bytes uploaded twice are two
        versions, with their own number and date on screen), so caches keyed on it re-key by themselves.
    """

    version: int | None
    sha256: str | None
    reference_version: int | None
    reference_key: str
    stage_map: int | None = None

    @property
    def key(self) -> str:
        """Return the dataset key of this state."""
        suffix = f":s{self.stage_map}" if self.stage_map else ""
        if self.version is None:
            return f"sample:{self.reference_key}{suffix}"
        return f"v{self.version}:{self.sha256}:{self.reference_key}{suffix}"


@dataclass(frozen=True)
class Candidate:
    """A checked upload, not stored yet: pass it to :meth:`lebak_dash.store.Store.add_version` to apply it.

    Attributes
    ----------
    data : bytes
    sha256 : str
    filename : str
    result : ImportResult
        The importer's report (read with the active OPD list).
    reference_version : int or None
        The OPD list the file was read with.
    reference_key : str
    duplicate_of : tuple of int
        Versions that hold exactly the same bytes.
    mappings : tuple of ColumnMapping
        The column mappings the file was read with, in the order they were applied (an explicit one
        not saved yet has no number: storing the version saves it).
    stage_map : int or None
        The stage map applied to the records (None: off).
    """

    data: bytes
    sha256: str
    filename: str
    result: ImportResult
    reference_version: int | None
    reference_key: str
    duplicate_of: tuple[int, ...] = ()
    mappings: tuple[ColumnMapping, ...] = ()
    stage_map: int | None = None

    @property
    def cache_key(self) -> str:
        """Return the records-cache key of this reading (OPD list and column mappings)."""
        return cache_key(self.reference_key, self.mappings)

    @property
    def ok(self) -> bool:
        """Return True when the file can be stored (the importer accepted it)."""
        return self.result.ok


def _version(row: Any, active: int | None) -> Version:
    return Version(
        number=row["number"],
        sha256=row["sha256"],
        filename=row["filename"],
        format=row["format"],
        size=row["size"],
        uploaded_by=row["uploaded_by"],
        uploaded_at=parse_time(row["uploaded_at"]),
        records=row["records"],
        rejected=row["rejected"],
        errors=row["errors"],
        warnings=row["warnings"],
        note=row["note"],
        kind=row["kind"],
        reference_version=row["reference_version"],
        active=row["number"] == active,
    )


# ----------------------------------------------------------------------------- versions
class DataVersions:
    """The workbook versions of a store.

    Parameters
    ----------
    catalog : Catalog
    blobs : Blobs
        Where the originals are (kind ``original``).
    cache : RecordsCache
    references : ReferenceLists
        The OPD lists a version is read with.
    mappings_of : callable, optional
        ``mappings_of(version)``: the column mappings a version was read with (none by default).
    """

    def __init__(
        self,
        catalog: Catalog,
        blobs: Blobs,
        cache: RecordsCache,
        references: ReferenceLists,
        mappings_of: Callable[[int], tuple[ColumnMapping, ...]] | None = None,
    ) -> None:
        self.catalog = catalog
        self.blobs = blobs
        self.cache = cache
        self.references = references
        self.mappings_of = mappings_of or (lambda _number: ())
        self._rebuilding: dict[tuple[str, str], threading.Lock] = {}
        self._rebuilding_lock = threading.Lock()

    # ------------------------------------------------------------------------- reading
    def versions(self) -> list[Version]:
        """Return every version, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM versions ORDER BY number").fetchall()
        return [_version(r, active) for r in rows]

    def version(self, number: int) -> Version:
        """Return version `number`.

        Raises
        ------
        VersionNotFoundError
        """
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            row = conn.execute("SELECT * FROM versions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise VersionNotFoundError("store.version_not_found", number=number)
        return _version(row, active)

    def active_state(self) -> ActiveState:
        """Return what is active, in one small query: cheap enough to call on every rerun."""
        with self.catalog.read() as conn:
            row = conn.execute(
                "SELECT s.active_version, v.sha256, s.active_reference, r.sha256 AS ref_sha, s.active_stage_map, "
                "k.sha256 AS kec_sha, g.body AS region, b.sha256 AS boundary_sha, "
                "(SELECT COUNT(*) FROM boundary_versions) AS boundary_count FROM state s "
                "LEFT JOIN versions v ON v.number = s.active_version "
                "LEFT JOIN reference_versions r ON r.number = s.active_reference "
                "LEFT JOIN kecamatan_versions k ON k.number = s.active_kecamatan "
                "LEFT JOIN region_versions g ON g.number = s.active_region "
                "LEFT JOIN boundary_versions b ON b.number = s.active_boundaries"
            ).fetchone()
        boundaries = boundaries_sha_of(row["boundary_sha"], row["boundary_count"])
        key = reference_key(row["ref_sha"], row["kec_sha"], row["region"], boundaries)
        return ActiveState(row[0], row[1], row[2], key, row["active_stage_map"])

    def original_bytes(self, number: int) -> bytes:
        """Return the original bytes of version `number`, checked against their hash.

        Raises
        ------
        VersionNotFoundError
        StoreError
            ``store.original_missing`` / ``store.original_damaged`` when the file is gone or altered.
        """
        version = self.version(number)
        return self.blobs.get("original", version.sha256, number)

    def load(self, number: int, *, reference_version: int | None = None, with_issues: bool = True) -> ImportResult:
        """Return the records (and issues) of version `number`, read with an OPD list.

        Parameters
        ----------
        number : int
        reference_version : int, optional
            The OPD list to read it with (default: the active one; 0: the bundled list).
        with_issues : bool
            Also load the importer's issues (the dashboard does not need them).

        Returns
        -------
        ImportResult
            From the records cache; when the cache is missing or unreadable, the original file is
            read again in the isolated worker (never in this process) and the cache written.

        Raises
        ------
        VersionNotFoundError
        StoreError
            When the original is missing or damaged and no cache exists, or the worker could not
            read it (``store.rebuild_failed``).
        """
        with self.catalog.read() as conn:  # one connection: this runs whenever a session needs the data
            row = conn.execute("SELECT sha256, filename FROM versions WHERE number = ?", (number,)).fetchone()
            if reference_version is None:
                reference_version = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            ref = None
            if reference_version:
                ref = conn.execute(
                    "SELECT sha256 FROM reference_versions WHERE number = ?", (reference_version,)
                ).fetchone()
            boundaries = active_boundaries_sha(conn)
            lists = conn.execute(ACTIVE_LISTS).fetchone()
        if row is None:
            raise VersionNotFoundError("store.version_not_found", number=number)
        if reference_version and ref is None:
            raise VersionNotFoundError("store.reference_not_found", number=reference_version)
        sha, filename = row
        mappings = self.mappings_of(number)
        ref_key = cache_key(reference_key(ref[0] if ref else None, lists[1], lists[2], boundaries), mappings)
        result = self._cached(number, sha, ref_key, with_issues)
        if result is not None:
            return result
        with self._rebuild_lock(sha, ref_key):  # one rebuild per pair, however many sessions ask
            result = self._cached(number, sha, ref_key, with_issues)
            if result is None:
                result = self._rebuild(number, sha, filename, ref_key, reference_version or 0, mappings)
        return result

    def _cached(self, number: int, sha: str, ref_key: str, with_issues: bool) -> ImportResult | None:
        """Return the cached result of the pair, or None when it must be rebuilt."""
        try:
            return self.cache.read(sha, ref_key, with_issues)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001  (any unreadable cache is rebuilt, never shown as an error)
            log.warning("records cache of version %s unreadable, rebuilding: %s", number, exc)
            return None

    def _rebuild_lock(self, sha: str, ref_key: str) -> threading.Lock:
        with self._rebuilding_lock:
            return self._rebuilding.setdefault((sha, ref_key), threading.Lock())

    def _rebuild(
        self,
        number: int,
        sha: str,
        filename: str,
        ref_key: str,
        reference_version: int,
        mappings: Sequence[ColumnMapping],
    ) -> ImportResult:
        """Read version `number`'s original again in the isolated worker and cache the records.

        Raises
        ------
        StoreError
            ``store.rebuild_failed`` when the worker gave no result (out of memory or time):
            nothing is cached, and the next load tries again.
        """
        reference = self.references.reference(reference_version)
        data = self.original_bytes(number)
        result = import_in_worker(data, filename=filename, reference=reference, mappings=mappings)
        failed = [i for i in result.errors if i.code in WORKER_FAILURES and i.row is None and i.sheet is None]
        if not result.ok and failed:
            log.warning("version %s not re-read: %s", number, failed[0].message("en"))
            raise StoreError("store.rebuild_failed", number=number, reason=failed[0].code)
        self.cache.write(sha, ref_key, result)
        return result

    def base_workbook(self, state: ActiveState) -> BaseWorkbook | None:
        """Return the active workbook of `state` (None when there is none), for checking an OPD list."""
        if state.version is None:
            return None
        records = self.load(state.version, reference_version=state.reference_version or 0, with_issues=False).records
        version = self.version(state.version)
        data = self.original_bytes(state.version)
        return BaseWorkbook(state.version, version.filename, data, records, self.mappings_of(state.version))

    def versions_with(self, sha: str) -> tuple[int, ...]:
        """Return the numbers of the versions whose original has the SHA-256 `sha`, oldest first."""
        with self.catalog.read() as conn:
            rows = conn.execute("SELECT number FROM versions WHERE sha256 = ? ORDER BY number", (sha,)).fetchall()
        return tuple(r[0] for r in rows)

    def file_problems(self) -> list[str]:
        """Return the originals that are missing or do not hold the bytes they are named by."""
        return self.blobs.problems("original", self.catalog.hashes("versions"))

    # ------------------------------------------------------------------------ changing
    def check(
        self,
        data: bytes,
        filename: str,
        *,
        isolated: bool | None = None,
        limits: Limits | None = None,
        mappings: Sequence[ColumnMapping] = (),
    ) -> Candidate:
        """Import `data` with the active OPD list, without storing anything.

        Parameters
        ----------
        data : bytes
            The uploaded file.
        filename : str
            The name the user gave it (a hint for the format, shown in the history).
        isolated : bool, optional
            Run the importer in a bounded child process (default:
            :func:`lebak_dash.ingest.sandbox.default_isolation`).
        limits : Limits, optional
        mappings : sequence of ColumnMapping
            Column mappings in priority order (see :func:`~lebak_dash.ingest.importer.import_workbook`).

        Returns
        -------
        Candidate
            With the importer's report; ``candidate.ok`` says whether it can be applied.
        """
        data = bytes(data)
        state = self.active_state()
        reference = self.references.reference(state.reference_version or 0)
        sha = file_sha256(data)
        duplicates = self.versions_with(sha)
        if isolated if isolated is not None else default_isolation():
            result = import_isolated(data, filename=filename, reference=reference, limits=limits, mappings=mappings)
        else:
            result = import_workbook(data, filename=filename, reference=reference, limits=limits, mappings=mappings)
        used = tuple(use.mapping for use in result.mappings_used)
        return Candidate(
            data, sha, filename, result, state.reference_version, state.reference_key, duplicates, used, state.stage_map
        )

    def add(
        self,
        candidate: Candidate,
        *,
        by: str,
        note: str = "",
        kind: str = "app",
        expected_active: int | None = None,
        on_insert: Callable[[Connection, int], object] | None = None,
    ) -> Version:
        """Store a checked upload as a new version and make it active.

        Parameters
        ----------
        candidate : Candidate
            From :meth:`check`; refused when the importer rejected the file.
        by : str
            Who applies it (editor name).
        note : str
        kind : {"app", "cli"}
        expected_active : int, optional
            The version the user compared against (0: an empty store). When given and another
            version became active meanwhile, :class:`StoreConflictError` is raised and nothing changes.
        on_insert : callable, optional
            ``on_insert(conn, number)``, called inside the transaction once the version row is
            written (the facade records the column mappings the version was read with).

        Returns
        -------
        Version
            The new, active version.

        Raises
        ------
        StoreError
            ``store.rejected_file`` when the file was rejected; :class:`StoreConflictError` when the
            store changed since the check; :class:`StoreWriteError` when writing failed.
        """
        checkpoint("version.start")
        if not candidate.result.ok:
            raise StoreError("store.rejected_file")
        if kind not in ("app", "cli"):
            raise ValueError(f"kind must be 'app' or 'cli', not {kind!r}")
        self.blobs.put_before("original", candidate.sha256, candidate.data)
        self.cache.write(candidate.sha256, candidate.cache_key, candidate.result)
        result = candidate.result
        with self.catalog.transaction() as conn:
            active, active_reference = conn.execute("SELECT active_version, active_reference FROM state").fetchone()
            if expected_active is not None and (active or 0) != expected_active:
                raise StoreConflictError("store.conflict", expected=expected_active, active=active or 0)
            if active_reference != candidate.reference_version:
                raise StoreConflictError("store.reference_changed")
            self.blobs.put_in(conn, "original", candidate.sha256, candidate.data)
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM versions").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO versions (number, sha256, filename, format, size, uploaded_by, uploaded_at, records, "
                "rejected, errors, warnings, note, kind, reference_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    candidate.sha256,
                    clean_line(candidate.filename, 255),
                    result.format,
                    len(candidate.data),
                    clean_actor(by),
                    now,
                    len(result.records),
                    result.rejected_rows,
                    len(result.errors),
                    len(result.warnings),
                    clean_note(note),
                    kind,
                    candidate.reference_version,
                ),
            )
            checkpoint("catalog.insert")
            if on_insert is not None:
                on_insert(conn, number)
            conn.execute("UPDATE state SET active_version = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn,
                "upload",
                by,
                number,
                sha256=candidate.sha256,
                filename=candidate.filename,
                records=len(result.records),
                rejected=result.rejected_rows,
                previous=active,
                kind=kind,
                note=clean_note(note),
            )
        checkpoint("version.done")
        return self.version(number)

    def activate(self, number: int, by: str, note: str = "", *, expected_active: int | None = None) -> Version:
        """Make version `number` active; audited as ``rollback`` when it is older than the active one.

        Its records are read (or rebuilt from the original) before anything changes, so a
        damaged version is refused and the dashboard switches without waiting.

        Parameters
        ----------
        number : int
        by : str
        note : str
        expected_active : int, optional
            The version the user saw active when confirming (0: none). When another version became
            active meanwhile, :class:`StoreConflictError` is raised and nothing changes (the app's
            undo asks for a confirmation, which can go stale).

        Raises
        ------
        VersionNotFoundError
        StoreConflictError
        StoreError
            When the original file is missing or damaged.
        """
        self.load(number, with_issues=False)
        with self.catalog.transaction() as conn:
            if conn.execute("SELECT 1 FROM versions WHERE number = ?", (number,)).fetchone() is None:
                raise VersionNotFoundError("store.version_not_found", number=number)
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            if expected_active is not None and (active or 0) != expected_active:
                raise StoreConflictError("store.conflict", expected=expected_active, active=active or 0)
            if active != number:
                conn.execute(
                    "UPDATE state SET active_version = ?, changed_at = ?", (number, self.catalog.now().isoformat())
                )
                action = "rollback" if active is not None and number < active else "activate"
                self.catalog.audit_in(conn, action, by, number, previous=active, note=clean_note(note))
        return self.version(number)

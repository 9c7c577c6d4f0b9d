"""The :class:`Store`: one entry point to a data folder, delegating to the store's parts.

The parts, each in its own module: :class:`~lebak_dash.store.catalog.Catalog` (SQLite, schema,
transactions, audit log), :class:`~lebak_dash.store.versions.DataVersions` (workbook versions and
their originals), :class:`~lebak_dash.store.references.ReferenceLists` (OPD-list versions),
:class:`~lebak_dash.store.kecamatan_lists.KecamatanLists` (kecamatan-list versions),
:class:`~lebak_dash.store.regions.Regions` (the region),
:class:`~lebak_dash.store.mappings.ColumnMappings` (column mappings),
:class:`~lebak_dash.store.stagemaps.StageMaps` (the editors' stage map) and
:class:`~lebak_dash.store.cache.RecordsCache` (records as Arrow files). The facade adds only
what joins two parts: checking and applying an OPD or kecamatan list re-reads the active workbook; a check
reads with the saved column mappings and a stored version remembers the ones it was read with;
every record handed out (:meth:`Store.load`, :meth:`Store.check`) has the active stage map applied.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

import pandas as pd

from lebak_dash.config import Limits, data_dir, use_region_timezone
from lebak_dash.i18n import use_region
from lebak_dash.records.boundaries import KecamatanBoundaries
from lebak_dash.records.diff import Diff, diff_records
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import Reference
from lebak_dash.records.region import Region
from lebak_dash.records.stagemap import StageMap, apply_stage_map
from lebak_dash.store.boundaries import BoundaryCandidate, BoundaryStore, BoundaryVersion, active_boundaries_sha
from lebak_dash.store.cache import RecordsCache
from lebak_dash.store.catalog import AuditEntry, Catalog
from lebak_dash.store.errors import write_error
from lebak_dash.store.files import make_private_folder, permission_problems, remove_stale_temp_files
from lebak_dash.store.kecamatan_lists import KecamatanCandidate, KecamatanLists, KecamatanVersion
from lebak_dash.store.mappings import ColumnMappings, SavedMapping, cache_key
from lebak_dash.store.references import ReferenceCandidate, ReferenceLists, ReferenceVersion, reference_key
from lebak_dash.store.regions import Regions, RegionVersion
from lebak_dash.store.stagemaps import StageMaps, StageMapVersion
from lebak_dash.store.versions import ActiveState, Candidate, DataVersions, Version

CATALOG = "catalog.sqlite"
FILES, CACHE, REFERENCES, BOUNDARIES = "files", "cache", "references", "boundaries"


class Store:
    """The data folder: originals, catalog, caches. Safe to share between threads and processes.

    Every write opens its own short-lived SQLite connection, so one :class:`Store` may be
    shared by all the sessions of a server (``st.cache_resource``) and used by the command line
    at the same time.

    Examples
    --------
    >>> import tempfile
    >>> from lebak_dash.config import SAMPLE_WORKBOOK
    >>> store = Store.open(tempfile.mkdtemp())
    >>> candidate = store.check(SAMPLE_WORKBOOK.read_bytes(), "data.xlsx", isolated=False)
    >>> store.add_version(candidate, by="admin", note="contoh").number
    1
    >>> store.active().records
    480
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.files_dir = self.root / FILES
        self.cache_dir = self.root / CACHE
        self.references_dir = self.root / REFERENCES
        self.boundaries_dir = self.root / BOUNDARIES
        self.catalog_path = self.root / CATALOG
        self.catalog = Catalog(self.catalog_path)
        self.records_cache = RecordsCache(self.cache_dir)
        self.kecamatan_lists = KecamatanLists(self.catalog, self.references_dir)
        self.regions = Regions(self.catalog)
        self.boundary_store = BoundaryStore(self.catalog, self.boundaries_dir)
        self.reference_lists = ReferenceLists(
            self.catalog, self.references_dir, self.kecamatan_lists.table_of, self.boundary_store
        )
        self.mappings = ColumnMappings(self.catalog)
        self.stage_maps = StageMaps(self.catalog)
        self.data_versions = DataVersions(
            self.catalog, self.files_dir, self.records_cache, self.reference_lists, self.mappings.for_version
        )

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating when needed) the store in `path` (default :func:`~lebak_dash.config.data_dir`).

        Raises
        ------
        StoreWriteError
            When the folder or the catalog cannot be created or written.
        StoreError
            When the catalog was written by a newer version of the app (``store.newer_schema``).
        """
        store = cls(Path(path) if path is not None else data_dir())
        try:
            for folder in (store.root, store.files_dir, store.cache_dir, store.references_dir, store.boundaries_dir):
                make_private_folder(folder)  # 0700, whatever the umask
            store.catalog.ensure_schema()
        except OSError as exc:
            raise write_error(exc, store.root) from exc
        except sqlite3.Error as exc:
            raise write_error(exc, store.catalog_path) from exc
        remove_stale_temp_files((store.files_dir, store.cache_dir, store.references_dir, store.boundaries_dir))
        store.region()  # the region's time zone applies to every time shown from now on
        return store

    def close(self) -> None:
        """Close the catalog's shared reading connection (a later read opens it again)."""
        self.catalog.close()

    @staticmethod
    def exists(path: Path | str | None = None) -> bool:
        """Return True when `path` (default :func:`~lebak_dash.config.data_dir`) holds a store's catalog."""
        return (Path(path) if path is not None else data_dir()).joinpath(CATALOG).is_file()

    # ------------------------------------------------------------------ catalog, audit
    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """Return the catalog's reading connection as a context (see :meth:`Catalog.read`)."""
        return self.catalog.read()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """Return a write transaction on the catalog (see :meth:`Catalog.transaction`)."""
        return self.catalog.transaction()

    def audit_in(
        self, conn: sqlite3.Connection, action: str, actor: str, version: int | None = None, **detail: object
    ) -> None:
        """Append an audit line inside the caller's transaction (so it commits with the change)."""
        self.catalog.audit_in(conn, action, actor, version, **detail)

    def log(self, action: str, actor: str, version: int | None = None, **detail: object) -> None:
        """Append an audit line in its own transaction."""
        self.catalog.log(action, actor, version, **detail)

    def audit(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        """Return the latest `limit` audit lines, newest first (only `action` when given)."""
        return self.catalog.audit(limit, action)

    # -------------------------------------------------------------------- data versions
    def versions(self) -> list[Version]:
        """Return every version, oldest first."""
        return self.data_versions.versions()

    def version(self, number: int) -> Version:
        """Return version `number` (:class:`VersionNotFoundError` when there is none)."""
        return self.data_versions.version(number)

    def active(self) -> Version | None:
        """Return the active version, or None when the store holds none."""
        state = self.active_state()
        return None if state.version is None else self.version(state.version)

    def active_state(self) -> ActiveState:
        """Return what is active, in one small query: cheap enough to call on every rerun."""
        return self.data_versions.active_state()

    def active_key(self) -> str:
        """Return :attr:`ActiveState.key` of the current state (see :meth:`active_state`)."""
        return self.active_state().key

    def original_bytes(self, number: int) -> bytes:
        """Return the original bytes of version `number`, checked against their hash (``store.original_*`` errors)."""
        return self.data_versions.original_bytes(number)

    def versions_with(self, sha256: str) -> tuple[int, ...]:
        """Return the versions whose original has the SHA-256 `sha256` (the same bytes uploaded before)."""
        return self.data_versions.versions_with(sha256)

    def load(self, number: int, *, reference_version: int | None = None, with_issues: bool = True) -> ImportResult:
        """Return the records (and issues) of version `number`, read with an OPD list (:meth:`DataVersions.load`).

        The active stage map is applied to the records (:func:`~lebak_dash.records.stagemap.apply_stage_map`).
        """
        result = self.data_versions.load(number, reference_version=reference_version, with_issues=with_issues)
        return self._with_stage_map(result, self.stage_maps.active())

    @staticmethod
    def _with_stage_map(result: ImportResult, stage_map: StageMap | None) -> ImportResult:
        records = apply_stage_map(result.records, stage_map)
        return result if records is result.records else dataclasses.replace(result, records=records)

    def check(
        self,
        data: bytes,
        filename: str,
        *,
        isolated: bool | None = None,
        limits: Limits | None = None,
        mapping: ColumnMapping | None = None,
    ) -> Candidate:
        """Import `data` as it would be stored, without storing anything (see :meth:`DataVersions.check`).

        Read with the active OPD list and column mappings: `mapping` (given for this file) first,
        then the saved ones, newest first; the active stage map is applied to the records.
        """
        mappings = self.mappings_in_order(mapping)
        candidate = self.data_versions.check(data, filename, isolated=isolated, limits=limits, mappings=mappings)
        stage_map = self.stage_maps.active()
        result = self._with_stage_map(candidate.result, stage_map)
        return dataclasses.replace(candidate, result=result, stage_map=stage_map.number if stage_map else None)

    def mappings_in_order(self, mapping: ColumnMapping | None = None) -> tuple[ColumnMapping, ...]:
        """Return the column mappings a new file is read with: `mapping` (given for it) first, then the saved ones."""
        saved = self.mappings.active()
        if mapping is None:
            return tuple(saved)
        mapping = dataclasses.replace(mapping, explicit=True)
        return (mapping, *(m for m in saved if m.sha256 != mapping.sha256))

    def diff(self, records: pd.DataFrame, against: int | None = None) -> Diff:
        """Return what changes from version `against` (default: the active one) to `records`.

        Against an empty store, everything is added. Both sides carry the active stage map.
        """
        if against is None:
            against = self.active_state().version
        old = None if against is None else self.load(against, with_issues=False).records
        return diff_records(old, records)

    def add_version(
        self,
        candidate: Candidate,
        *,
        by: str,
        note: str = "",
        kind: str = "app",
        expected_active: int | None = None,
    ) -> Version:
        """Store a checked upload as a new version and make it active (see :meth:`DataVersions.add`).

        The column mappings it was read with are recorded with it, in the same transaction; a
        mapping given for this file is saved (``mapping_saved``) and applied to later files.
        """

        def record_mappings(conn: sqlite3.Connection, number: int) -> None:
            self.mappings.record_in(conn, number, candidate.mappings, by)

        # The records cache keeps the file's own stages; the stage map is applied when records are handed out.
        own = dataclasses.replace(candidate, result=self._with_stage_map(candidate.result, None))
        return self.data_versions.add(
            own, by=by, note=note, kind=kind, expected_active=expected_active, on_insert=record_mappings
        )

    def activate(self, number: int, by: str, note: str = "", *, expected_active: int | None = None) -> Version:
        """Make version `number` active, audited (see :meth:`DataVersions.activate`)."""
        return self.data_versions.activate(number, by, note, expected_active=expected_active)

    # ----------------------------------------------------------------------- OPD lists
    def reference_versions(self) -> list[ReferenceVersion]:
        """Return every uploaded OPD list, oldest first."""
        return self.reference_lists.versions()

    def reference_bytes(self, number: int | None = None) -> bytes:
        """Return the OPD list CSV of reference version `number` (None: the active one; 0: bundled)."""
        return self.reference_lists.csv_bytes(number)

    def reference(self, number: int | None = None) -> Reference:
        """Return the reference tables with OPD list `number` (None: the active list; 0: bundled)."""
        return self.reference_lists.reference(number)

    def check_reference(self, data: bytes, filename: str) -> ReferenceCandidate:
        """Validate an OPD list and show what it does to the active workbook; nothing is stored.

        Raises
        ------
        StoreError
            ``store.reference_invalid`` with the validator's reason.
        """
        state = self.active_state()
        base = self.data_versions.base_workbook(state)
        return self.reference_lists.check(data, filename, base=base, base_reference=state.reference_version)

    def add_reference(self, candidate: ReferenceCandidate, by: str, note: str = "") -> ReferenceVersion:
        """Store a checked OPD list and make it active (audited as ``reference_upload``).

        The records of the active workbook read with the new list are cached first, so the
        dashboard switches without waiting.

        Raises
        ------
        StoreConflictError
            When another workbook version or OPD list became active since the check.
        """
        if candidate.base_version is not None and candidate.reimport is not None:
            sha = self.version(candidate.base_version).sha256
            _number, kec_sha, region_body = self.reference_lists.active_lists()
            ref_key = reference_key(candidate.sha256, kec_sha, region_body, self._boundaries_sha())
            self.records_cache.write(
                sha, cache_key(ref_key, self.mappings.for_version(candidate.base_version)), candidate.reimport
            )
        return self.reference_lists.add(candidate, by, note)

    def activate_reference(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make OPD list `number` active (0: the bundled list), audited (:meth:`ReferenceLists.activate`).

        The active workbook is read with that list first (in the isolated worker, unless it is
        cached already), so the dashboard switches without reading it itself; other versions are
        read in the worker when a page first needs them.
        """
        state = self.active_state()
        if state.version is not None:
            self.data_versions.load(state.version, reference_version=number, with_issues=False)
        self.reference_lists.activate(number, by, expected_active=expected_active)

    # ------------------------------------------------------------------------ boundaries
    def boundary_versions(self) -> list[BoundaryVersion]:
        """Return every uploaded kecamatan boundary file, oldest first."""
        return self.boundary_store.versions()

    def boundary_bytes(self, number: int | None = None) -> bytes:
        """Return boundary file `number` byte for byte (None: the one in use)."""
        return self.boundary_store.file_bytes(number)

    def boundaries(self) -> KecamatanBoundaries | None:
        """Return the kecamatan polygons in use, matched to the active kecamatan list (None: none)."""
        return self.reference().boundaries

    def check_boundaries(self, data: bytes, filename: str, attribution: str = "") -> BoundaryCandidate:
        """Read and check a boundary file (in the worker) against the active kecamatan list; nothing is stored.

        Raises
        ------
        StoreError
            ``store.boundaries_invalid`` with the reason.
        """
        base = self.reference_lists.reference(self.reference_lists.active_number() or 0)
        return self.boundary_store.check(data, filename, base, attribution)

    def add_boundaries(self, candidate: BoundaryCandidate, by: str, note: str = "") -> BoundaryVersion:
        """Store a checked boundary file and make it active (audited as ``boundaries_upload``).

        The active workbook is read again with it (innovations placed by their coordinates), in
        the worker, before this returns, so the dashboard switches without waiting.
        """
        version = self.boundary_store.add(candidate, by, note)
        self._reread_active()
        return version

    def activate_boundaries(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make boundary version `number` active (0: none), audited; the active workbook is read again with it."""
        self.boundary_store.activate(number, by, expected_active=expected_active)
        self._reread_active()

    def _boundaries_sha(self) -> str | None:
        """Return the hash of the boundary file in use (None: none), a part of the records' cache key."""
        with self.catalog.read() as conn:
            return active_boundaries_sha(conn)

    # ------------------------------------------------------------------ kecamatan lists
    def kecamatan_versions(self) -> list[KecamatanVersion]:
        """Return every uploaded kecamatan list, oldest first."""
        return self.kecamatan_lists.versions()

    def kecamatan_bytes(self, number: int | None = None) -> bytes:
        """Return kecamatan list `number` as uploaded (None: the active one; 0: the bundled CSV)."""
        return self.kecamatan_lists.original_bytes(number)

    def check_kecamatan(self, data: bytes, filename: str) -> KecamatanCandidate:
        """Validate a kecamatan list (CSV or workbook, read in the worker) and show what it does; nothing is stored.

        Raises
        ------
        StoreError
            ``store.kecamatan_invalid`` with the validator's reason.
        """
        state = self.active_state()
        base = self.data_versions.base_workbook(state)
        current = self.reference()
        return self.kecamatan_lists.check(
            data,
            filename,
            current=current,
            base=base,
            base_kecamatan=self.kecamatan_lists.active_number(),
            place=self.reference_lists.with_boundaries,
        )

    def add_kecamatan(self, candidate: KecamatanCandidate, by: str, note: str = "") -> KecamatanVersion:
        """Store a checked kecamatan list and make it active (audited as ``kecamatan_upload``).

        The active workbook read with the new list is cached first, so the dashboard switches at once.
        """
        if candidate.base_version is not None and candidate.reimport is not None:
            state = self.active_state()
            opd_sha = self.reference_lists.sha(state.reference_version)
            _number, _kec, region_body = self.reference_lists.active_lists()
            ref_key = reference_key(opd_sha, candidate.sha256, region_body, self._boundaries_sha())
            mappings = self.mappings.for_version(candidate.base_version)
            sha = self.version(candidate.base_version).sha256
            self.records_cache.write(sha, cache_key(ref_key, mappings), candidate.reimport)
        return self.kecamatan_lists.add(candidate, by, note)

    def activate_kecamatan(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make kecamatan list `number` active (0: the bundled list), audited; the active workbook is re-read."""
        self.kecamatan_lists.activate(number, by, expected_active=expected_active)
        self._reread_active()

    def _reread_active(self) -> None:
        """Read the active workbook with the lists now active (in the worker unless cached): pages switch at once."""
        state = self.active_state()
        if state.version is not None:
            self.data_versions.load(state.version, with_issues=False)

    # --------------------------------------------------------------------------- region
    def region(self) -> Region:
        """Return the active region (the shipped Kabupaten Lebak until an editor sets one).

        Its time zone becomes the one times are shown in (unless ``LEBAK_TIMEZONE`` is set,
        see :func:`lebak_dash.config.timezone`), and its name the one texts say
        (:func:`lebak_dash.i18n.use_region`: ``{region}``, ``Se-{kind}``).
        """
        region = self.regions.active()
        use_region_timezone(region.timezone)
        use_region(region.full_name, region.kind)
        return region

    def region_versions(self) -> list[RegionVersion]:
        """Return every region set, oldest first."""
        return self.regions.versions()

    def set_region(self, region: Region, by: str, note: str = "", *, expected: int | None = None) -> RegionVersion:
        """Store `region` as the active one (audited as ``region_set``); the active workbook is re-read with it."""
        version = self.regions.set(region, by, note, expected=expected)
        self.region()
        self._reread_active()
        return version

    def activate_region(self, number: int, by: str, *, expected: int | None = None) -> None:
        """Make region `number` active (0: the shipped one), audited; the active workbook is re-read with it."""
        self.regions.activate(number, by, expected=expected)
        self.region()
        self._reread_active()

    # ------------------------------------------------------------------- column mappings
    def saved_mappings(self) -> list[SavedMapping]:
        """Return every saved column mapping, oldest first (retired ones too)."""
        return self.mappings.saved()

    def saved_mapping(self, number: int) -> SavedMapping:
        """Return saved mapping `number` (:class:`VersionNotFoundError` when there is none)."""
        return self.mappings.get(number)

    def save_mapping(self, mapping: ColumnMapping, by: str, note: str = "") -> SavedMapping:
        """Save a column mapping (applied to later files from now on); audited as ``mapping_saved``."""
        return self.mappings.save(mapping, by, note)

    def retire_mapping(self, number: int, by: str) -> None:
        """Stop applying mapping `number` to new files; audited as ``mapping_retired``."""
        self.mappings.retire(number, by)

    def version_mappings(self, number: int) -> tuple[ColumnMapping, ...]:
        """Return the column mappings data version `number` was read with, in the order applied."""
        return self.mappings.for_version(number)

    # ------------------------------------------------------------------------ stage map
    def stage_map(self) -> StageMap | None:
        """Return the editors' stage map in use (None: off, the default)."""
        return self.stage_maps.active()

    def stage_map_versions(self) -> list[StageMapVersion]:
        """Return every stage map set, oldest first."""
        return self.stage_maps.versions()

    def set_stage_map(
        self, stage_map: StageMap, by: str, note: str = "", *, expected: int | None = None
    ) -> StageMapVersion:
        """Store a stage map as a new version and switch it on; audited as ``stage_map_set``."""
        return self.stage_maps.set(stage_map, by, note, expected=expected)

    def stage_map_off(self, by: str, *, expected: int | None = None) -> bool:
        """Switch the stage map off (False when it was off already); audited as ``stage_map_off``."""
        return self.stage_maps.off(by, expected=expected)

    # ------------------------------------------------------------------------ checking
    def verify(self) -> list[str]:
        """Return the problems found in the store (empty when all is well).

        Checks ``PRAGMA integrity_check``, foreign keys, and that every version's original and
        every OPD list exists with the hash it is named by, and that nothing in the data folder is
        open to other users (files 0600, folders 0700). Each problem reads ``<kind>: <detail>``,
        the kind one of ``integrity_check``, ``foreign_key_check``, ``missing``, ``damaged``,
        ``permissions``.
        """
        return (
            self.catalog.integrity_problems()
            + self.data_versions.file_problems()
            + self.reference_lists.file_problems()
            + self.kecamatan_lists.file_problems()
            + self.boundary_store.file_problems()
            + permission_problems(self.root)
        )

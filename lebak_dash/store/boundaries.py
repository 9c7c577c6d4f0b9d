"""Kecamatan boundary versions: every uploaded boundary file, the active one, and its polygons.

``boundaries/<sha256>.boundary`` holds each file byte for byte (GeoJSON or zipped Shapefile);
the catalog's ``boundary_versions`` table numbers them, with who, when, the format, how many
kecamatan have a shape and the attribution to show; ``state.active_boundaries`` names the active
one (NULL: none, the centroid map). While the store holds no boundary version at all, an
administrator's file named by ``LEBAK_BOUNDARIES`` is used instead (version 0).

Every file, uploaded or stored, is read in the isolated worker
(:func:`lebak_dash.ingest.sandbox.boundaries_in_worker`); this process builds the polygons from the
coordinates the worker returns, once per (file, kecamatan list), kept in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lebak_dash.ingest.boundaries import BoundaryError, boundaries_json
from lebak_dash.ingest.importer import file_sha256
from lebak_dash.ingest.sandbox import boundaries_in_worker
from lebak_dash.records.boundaries import KecamatanBoundaries, boundaries_from_json
from lebak_dash.records.reference import Reference
from lebak_dash.store.blobs import Blobs
from lebak_dash.store.catalog import Catalog, clean_actor, clean_line, clean_note, parse_time, version_json
from lebak_dash.store.database import Connection
from lebak_dash.store.errors import StoreConflictError, StoreError, VersionNotFoundError
from lebak_dash.store.files import cached_file_hash

#: The environment variable naming an administrator's boundary file (used while the store holds none).
BOUNDARIES_ENV = "LEBAK_BOUNDARIES"


@dataclass(frozen=True)
class BoundaryVersion:
    """One uploaded boundary file."""

    number: int
    sha256: str
    filename: str
    format: str
    uploaded_by: str
    uploaded_at: dt.datetime
    kecamatan_count: int
    attribution: str
    note: str
    active: bool

    def to_dict(self) -> dict[str, object]:
        """Return the version as a JSON-ready dict (the same form as a data version's)."""
        return version_json(asdict(self))


@dataclass(frozen=True)
class BoundaryCandidate:
    """A checked boundary file, not stored yet: pass it to :meth:`lebak_dash.store.Store.add_boundaries`.

    Attributes
    ----------
    data : bytes
    sha256, filename, format : str
    attribution : str
        The editor's text, else the file's own (empty when neither).
    boundaries : KecamatanBoundaries
    missing : tuple of str
        Kecamatan of the list without a shape.
    notes : tuple of dict
        ``{"key", "params"}``: geometries repaired.
    features, vertices : int
    base_boundaries : int or None
        The boundary version active when it was checked.
    kecamatan_key : str
        The kecamatan list it was matched against (:func:`kecamatan_key`).
    """

    data: bytes
    sha256: str
    filename: str
    format: str
    attribution: str
    boundaries: KecamatanBoundaries
    missing: tuple[str, ...]
    notes: tuple[dict[str, Any], ...]
    features: int
    vertices: int
    base_boundaries: int | None = None
    kecamatan_key: str = ""


@dataclass(frozen=True)
class ActiveBoundaries:
    """The boundary file in use: its hash, bytes, name and attribution (number 0: ``LEBAK_BOUNDARIES``)."""

    number: int
    sha256: str
    filename: str
    attribution: str
    data: bytes


def kecamatan_key(reference: Reference) -> str:
    """Return a hash of the kecamatan list boundaries are matched against."""
    table = reference.kecamatan[["kode", "nama", "alias"]].astype(str)
    return hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()[:16]


def env_boundaries(environ: dict[str, str] | None = None) -> Path | None:
    """Return the file ``LEBAK_BOUNDARIES`` names (None when unset or not a file)."""
    value = (os.environ if environ is None else environ).get(BOUNDARIES_ENV, "").strip()
    path = Path(value) if value else None
    return path if path is not None and path.is_file() else None


def active_boundaries_sha(conn: Connection) -> str | None:
    """Return the hash of the boundary file in use (None: none), read on `conn` in one small query.

    The store's active version; while the store holds no version at all, the file of
    ``LEBAK_BOUNDARIES`` (its hash cached on its size and time).
    """
    row = conn.execute(
        "SELECT b.sha256, (SELECT COUNT(*) FROM boundary_versions) FROM state s "
        "LEFT JOIN boundary_versions b ON b.number = s.active_boundaries"
    ).fetchone()
    return boundaries_sha_of(row[0], row[1])


def boundaries_sha_of(active_sha: str | None, stored: int) -> str | None:
    """Return the hash of the boundary file in use from the active version's hash and how many versions are stored."""
    if active_sha is not None or stored:
        return str(active_sha) if active_sha is not None else None
    path = env_boundaries()
    return cached_file_hash(path) if path is not None else None


def _version(row: Any, active: int | None) -> BoundaryVersion:
    return BoundaryVersion(
        row["number"],
        row["sha256"],
        row["filename"],
        row["format"],
        row["uploaded_by"],
        parse_time(row["uploaded_at"]),
        row["kecamatan_count"],
        row["attribution"],
        row["note"],
        row["number"] == active,
    )


class BoundaryStore:
    """The kecamatan boundaries of a store.

    Parameters
    ----------
    catalog : Catalog
    blobs : Blobs
        Where the uploaded files are (kind ``boundaries``).
    """

    def __init__(self, catalog: Catalog, blobs: Blobs) -> None:
        self.catalog = catalog
        self.blobs = blobs
        self._parsed: dict[tuple[str, str], KecamatanBoundaries] = {}
        self._lock = threading.Lock()

    # ----------------------------------------------------------------------- reading
    def versions(self) -> list[BoundaryVersion]:
        """Return every uploaded boundary file, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_boundaries FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM boundary_versions ORDER BY number").fetchall()
        return [_version(r, active) for r in rows]

    def version(self, number: int) -> BoundaryVersion:
        """Return version `number` (:class:`VersionNotFoundError` ``store.boundaries_not_found``)."""
        for version in self.versions():
            if version.number == number:
                return version
        raise VersionNotFoundError("store.boundaries_not_found", number=number)

    def active_sha(self) -> str | None:
        """Return the hash of the boundary file in use (None: none), in one small query."""
        with self.catalog.read() as conn:
            return active_boundaries_sha(conn)

    def file_bytes(self, number: int | None = None) -> bytes:
        """Return the original file of version `number` (None: the active one), checked against its hash.

        Raises
        ------
        VersionNotFoundError
            When there is no such version (or none is active).
        """
        if number is None:
            active = self.active()
            if active is None:
                raise VersionNotFoundError("store.boundaries_not_found", number=0)
            return active.data
        version = self.version(number)
        return self.blobs.get("boundaries", version.sha256, number)

    def active(self) -> ActiveBoundaries | None:
        """Return the boundary file in use, or None (the store's active version, else ``LEBAK_BOUNDARIES``)."""
        versions = self.versions()
        current = next((v for v in versions if v.active), None)
        if current is not None:
            data = self.file_bytes(current.number)
            return ActiveBoundaries(current.number, current.sha256, current.filename, current.attribution, data)
        path = env_boundaries()
        if versions or path is None:
            return None
        data = path.read_bytes()
        return ActiveBoundaries(0, file_sha256(data), path.name, "", data)

    def boundaries(self, reference: Reference) -> KecamatanBoundaries | None:
        """Return the polygons in use, matched to `reference`'s kecamatan (None: no boundaries).

        Read in the worker once per file and kecamatan list; a file that no longer fits the list
        (another kecamatan list made active) gives None, logged, rather than an error on every page.

        Raises
        ------
        StoreError
            ``store.boundaries_invalid`` when the store's active file cannot be read.
        """
        active = self.active()
        if active is None:
            return None
        key = (active.sha256, kecamatan_key(reference))
        with self._lock:
            cached = self._parsed.get(key)
        if cached is not None:
            return cached
        try:
            answer = boundaries_in_worker(active.data, active.filename, reference)
        except BoundaryError as exc:
            raise StoreError("store.boundaries_invalid", reason=exc.key, **exc.params) from exc
        attribution = active.attribution or str(answer.get("attribution") or "")
        parsed = boundaries_from_json(boundaries_json(answer, active.sha256, attribution))
        with self._lock:
            self._parsed[key] = parsed
        return parsed

    # ---------------------------------------------------------------------- changing
    def check(self, data: bytes, filename: str, reference: Reference, attribution: str = "") -> BoundaryCandidate:
        """Read and check a boundary file against `reference`'s kecamatan; nothing is stored.

        Raises
        ------
        StoreError
            ``store.boundaries_invalid`` with the reason (``detail.boundary_*``).
        """
        try:
            answer = boundaries_in_worker(bytes(data), filename, reference)
        except BoundaryError as exc:
            raise StoreError("store.boundaries_invalid", reason=exc.key, **exc.params) from exc
        sha = file_sha256(data)
        text = clean_note(attribution) or clean_note(str(answer.get("attribution") or ""))
        with self.catalog.read() as conn:
            base = conn.execute("SELECT active_boundaries FROM state").fetchone()[0]
        return BoundaryCandidate(
            data=bytes(data),
            sha256=sha,
            filename=filename,
            format=str(answer["format"]),
            attribution=text,
            boundaries=boundaries_from_json(boundaries_json(answer, sha, text)),
            missing=tuple(answer["missing"]),
            notes=tuple(answer["notes"]),
            features=int(answer["features"]),
            vertices=int(answer["vertices"]),
            base_boundaries=base,
            kecamatan_key=kecamatan_key(reference),
        )

    def add(self, candidate: BoundaryCandidate, by: str, note: str = "") -> BoundaryVersion:
        """Store a checked boundary file and make it active (audited as ``boundaries_upload``).

        Raises
        ------
        StoreConflictError
            When other boundaries became active since the check.
        StoreWriteError
        """
        self.blobs.put_before("boundaries", candidate.sha256, candidate.data)
        with self.catalog.transaction() as conn:
            active = conn.execute("SELECT active_boundaries FROM state").fetchone()[0]
            if active != candidate.base_boundaries:
                raise StoreConflictError("store.boundaries_changed")
            self.blobs.put_in(conn, "boundaries", candidate.sha256, candidate.data)
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM boundary_versions").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO boundary_versions (number, sha256, filename, format, uploaded_by, uploaded_at, "
                "kecamatan_count, attribution, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    candidate.sha256,
                    clean_line(candidate.filename, 255),
                    candidate.format,
                    clean_actor(by),
                    now,
                    len(candidate.boundaries.shapes),
                    candidate.attribution,
                    clean_note(note),
                ),
            )
            conn.execute("UPDATE state SET active_boundaries = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn,
                "boundaries_upload",
                by,
                None,
                boundaries_version=number,
                sha256=candidate.sha256,
                filename=candidate.filename,
                kecamatan=len(candidate.boundaries.shapes),
                missing=list(candidate.missing),
                repaired=len(candidate.notes),
                note=clean_note(note),
            )
        with self._lock:  # the worker's reading of this file for this list is known already
            self._parsed[(candidate.sha256, candidate.kecamatan_key)] = candidate.boundaries
        return self.version(number)

    def activate(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make boundary version `number` active (0: none, back to the centroid map); audited.

        Raises
        ------
        VersionNotFoundError
        StoreConflictError
            With `expected_active`, when someone else activated other boundaries in between.
        """
        if number:
            self.file_bytes(number)  # refuses a missing or damaged file before anything changes
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_boundaries FROM state").fetchone()[0]
            if expected_active is not None and (before or 0) != expected_active:
                raise StoreConflictError("store.boundaries_changed")
            now = self.catalog.now().isoformat()
            conn.execute("UPDATE state SET active_boundaries = ?, changed_at = ?", (number or None, now))
            self.catalog.audit_in(conn, "boundaries_activate", by, None, boundaries_version=number, previous=before)

    def file_problems(self) -> list[str]:
        """Return the stored boundary files that are missing or do not hold the bytes they are named by."""
        return self.blobs.problems("boundaries", self.catalog.hashes("boundary_versions"))

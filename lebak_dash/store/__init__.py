"""The embedded data store: every accepted workbook, its versions, the active one, and the audit log.

:class:`Store` is the one entry point; everything a caller needs is importable from here.

Layout of the data folder (:func:`lebak_dash.config.data_dir`), and the module that owns each part::

    catalog.sqlite            versions, reference versions, active state, audit, editors (WAL)   catalog.py
                              column mappings (mappings.py), stage maps (stagemaps.py)
    files/<sha256>            every accepted workbook, byte for byte, named by its SHA-256        versions.py
    references/<sha256>.csv   every uploaded OPD list, byte for byte                              references.py
    references/<sha256>.kec   every uploaded kecamatan list (CSV or workbook), byte for byte      kecamatan_lists.py
                              the region (kind, name, code, time zone) is in the catalog          regions.py
    boundaries/<sha256>.boundary  every uploaded kecamatan boundary file, byte for byte          boundaries.py
    cache/<sha256>.<ref>.arrow           normalised records of a workbook read with an OPD list   cache.py
                                         (<ref>-m<key> when read with column mappings too)
    cache/<sha256>.<ref>.issues.arrow    the importer's issues for the same pair (Arrow IPC files)

Editors, logins and the viewer password are :mod:`lebak_dash.store.auth`; atomic writes are
:mod:`lebak_dash.store.files`; the exceptions :mod:`lebak_dash.store.errors`.

On PostgreSQL (``LEBAK_STORE_URL``, :mod:`lebak_dash.store.database`) the catalog's tables and
the original files (table ``blobs``, :mod:`lebak_dash.store.blobs`) are in the database, written
in one transaction per change and shared by every replica; the data folder holds only that
replica's ``cache/``. The rules below hold on both backends (tests/pg.py runs the store tests on
each); an upload's original is then committed with its version row rather than written before it.

Rules
-----
* **Nothing is lost.** A version is never deleted or changed (the catalog's triggers refuse it,
  and the audit log is append-only the same way); undo is activating an earlier one. Same bytes
  twice are one file (content addressed) and two version rows.
* **Crash safety.** Files are written to a temporary file in the same folder, flushed with
  ``fsync`` and moved into place with ``os.replace`` (atomic on POSIX), then the folder is
  synced. Only after that does one SQLite transaction (``BEGIN IMMEDIATE``, WAL, synchronous
  FULL) record the version and make it active. A ``kill -9`` at any moment therefore leaves
  either the old state or the new one; at worst an unreferenced file or a stray temporary file
  (removed on the next open once it is an hour old), never a version without its file.
* **Concurrency.** Version numbers are taken inside the write transaction, so simultaneous
  uploads (threads or processes) are numbered in commit order without gaps; the last one
  committed is active. A caller that computed a diff against version *n* may pass
  ``expected_active=n`` to be refused (:class:`StoreConflictError`) when someone else was faster.
* **Write errors** (disk full, no permission, read-only folder) raise :class:`StoreWriteError`
  with an Indonesian message and leave the catalog as it was.
* **The cache is disposable.** Records are cached as Arrow IPC files per (workbook, OPD list); a missing
  or unreadable cache is rebuilt from the original bytes. Deleting ``cache/`` loses nothing.

OPD-list policy
---------------
The dashboard always shows *the active workbook read with the active OPD list*. Uploading a new
OPD list (:meth:`Store.check_reference`, :meth:`Store.add_reference`) re-imports the active
workbook from its original bytes with the new list (it can change which names are known, and
which sheets are one-sheet-per-OPD) and shows the difference before it is applied. Records are
cached per (workbook hash, OPD-list hash), so the dataset key changes and every page re-keys its
caches. Older workbook versions are likewise read with the active list when loaded, compared or
activated; the counts stored in the version table stay those seen at upload time.
"""

from lebak_dash.store.boundaries import BoundaryCandidate, BoundaryVersion
from lebak_dash.store.catalog import ACTIONS, AuditEntry, clean_actor
from lebak_dash.store.errors import StoreConflictError, StoreError, StoreWriteError, VersionNotFoundError
from lebak_dash.store.facade import Store
from lebak_dash.store.files import write_atomic
from lebak_dash.store.kecamatan_lists import KecamatanCandidate, KecamatanVersion
from lebak_dash.store.mappings import SavedMapping
from lebak_dash.store.references import ReferenceCandidate, ReferenceVersion
from lebak_dash.store.regions import RegionVersion
from lebak_dash.store.stagemaps import StageMapVersion
from lebak_dash.store.versions import ActiveState, Candidate, Version

__all__ = [
    "ACTIONS",
    "ActiveState",
    "AuditEntry",
    "BoundaryCandidate",
    "BoundaryVersion",
    "Candidate",
    "KecamatanCandidate",
    "KecamatanVersion",
    "ReferenceCandidate",
    "ReferenceVersion",
    "RegionVersion",
    "SavedMapping",
    "StageMapVersion",
    "Store",
    "StoreConflictError",
    "StoreError",
    "StoreWriteError",
    "Version",
    "VersionNotFoundError",
    "clean_actor",
    "write_atomic",
]

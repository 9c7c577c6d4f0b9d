"""The embedded data store: every accepted workbook, its versions, the active one, and the audit log.

Layout of the data folder (:func:`lebak_dash.config.data_dir`)::

    catalog.sqlite            versions, reference versions, active state, audit, editors (WAL)
    files/<sha256>            every accepted workbook, byte for byte, named by its SHA-256
    references/<sha256>.csv   every uploaded OPD list, byte for byte
    cache/<sha256>.<ref>.arrow           normalised records of a workbook read with an OPD list
    cache/<sha256>.<ref>.issues.arrow    the importer's issues for the same pair (Arrow IPC files)

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

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import json
import logging
import os
import secrets
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from lebak_dash.config import Limits, data_dir
from lebak_dash.i18n import STRINGS, t
from lebak_dash.i18n.formatting import local_time
from lebak_dash.ingest.importer import file_sha256, import_workbook
from lebak_dash.ingest.resultio import issues_table, records_table, result_from_tables
from lebak_dash.records.diff import Diff, diff_records
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import (
    DEFAULT_REFERENCE_DIR,
    KECAMATAN_FILE,
    OPD_FILE,
    Reference,
    ReferenceError,
    load_reference,
    parse_opd_table,
    with_opd_table,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CATALOG = "catalog.sqlite"
FILES, CACHE, REFERENCES = "files", "cache", "references"
_TMP_PREFIX = ".tmp-"
_STALE_TMP_S = 3600
_BUSY_TIMEOUT_MS = 30_000

#: Actions written to the audit log.
ACTIONS = (
    "upload",
    "activate",
    "rollback",
    "reference_upload",
    "reference_activate",
    "login",
    "login_failed",
    "login_throttled",
    "logout",
    "editor_added",
    "editor_password_changed",
    "viewer_password_set",
    "viewer_password_cleared",
    "viewer_login_failed",
)

_SCHEMA = (
    """CREATE TABLE reference_versions (
        number INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        filename TEXT NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        opd_count INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE versions (
        number INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        filename TEXT NOT NULL,
        format TEXT NOT NULL,
        size INTEGER NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        records INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('app', 'cli')),
        reference_version INTEGER REFERENCES reference_versions(number)
    )""",
    "CREATE INDEX versions_sha ON versions(sha256)",
    """CREATE TABLE state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        active_version INTEGER REFERENCES versions(number),
        active_reference INTEGER REFERENCES reference_versions(number),
        changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        version INTEGER,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE editors (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE login_throttle (
        scope TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure REAL NOT NULL
    )""",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Nothing is lost, enforced by the catalog itself: versions and the audit log are append-only.
    """CREATE TRIGGER versions_keep BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END""",
    """CREATE TRIGGER versions_fixed BEFORE UPDATE ON versions
        BEGIN SELECT RAISE(ABORT, 'versions are never changed'); END""",
    """CREATE TRIGGER reference_versions_keep BEFORE DELETE ON reference_versions
        BEGIN SELECT RAISE(ABORT, 'reference versions are never deleted'); END""",
    """CREATE TRIGGER audit_keep BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_fixed BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)


# ------------------------------------------------------------------------------- errors
class StoreError(Exception):
    """A store operation failed; :meth:`message` says why in Indonesian (or English).

    Attributes
    ----------
    key : str
        Message key in :mod:`lebak_dash.i18n.store` (``store.disk_full``...).
    params : dict
        Values for the message's placeholders.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return the message in `lang`."""
        return t(self.key, lang, **self.params)


class StoreWriteError(StoreError):
    """Writing failed (disk full, no permission...); nothing was changed in the catalog."""


class StoreConflictError(StoreError):
    """The store changed between a check and its application (another upload was faster)."""


class VersionNotFoundError(StoreError):
    """No version (or reference version) has the number asked for."""


def _write_error(exc: BaseException, path: Path | str) -> StoreWriteError:
    """Return the :class:`StoreWriteError` that explains `exc` to a user."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        key = {
            13: "store.disk_full",  # SQLITE_FULL
            8: "store.no_permission",  # SQLITE_READONLY
            3: "store.no_permission",  # SQLITE_PERM
            14: "store.no_permission",  # SQLITE_CANTOPEN
            5: "store.busy",  # SQLITE_BUSY
            6: "store.busy",  # SQLITE_LOCKED
            11: "store.catalog_corrupt",  # SQLITE_CORRUPT
            26: "store.catalog_corrupt",  # SQLITE_NOTADB
        }.get(code, "store.write_failed")
        return StoreWriteError(key, path=str(path), detail=str(exc)[:200])
    number = getattr(exc, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT):
        key = "store.disk_full"
    elif number in (errno.EACCES, errno.EPERM, errno.EROFS):
        key = "store.no_permission"
    else:
        key = "store.write_failed"
    return StoreWriteError(key, path=str(path), detail=str(exc)[:200])


# ------------------------------------------------------------------ test hooks (named points)
def checkpoint(name: str) -> None:
    """Pause or fail at a named point of a write, when a test asks for it.

    ``LEBAK_STORE_TEST_PAUSE=name[,name]`` prints ``LEBAK_PAUSE <name>`` on stderr and waits for a
    line on stdin (a test then kills the process at a known moment);
    ``LEBAK_STORE_TEST_FAIL=name`` raises ``OSError(ENOSPC)`` there (a full disk). Both are unset
    in production, where this costs one dictionary lookup.
    """
    pause = os.environ.get("LEBAK_STORE_TEST_PAUSE")
    if pause and name in pause.split(","):
        print(f"LEBAK_PAUSE {name}", file=sys.stderr, flush=True)
        sys.stdin.readline()
    fail = os.environ.get("LEBAK_STORE_TEST_FAIL")
    if fail and name in fail.split(","):
        raise OSError(errno.ENOSPC, f"No space left on device (injected at {name})")


# --------------------------------------------------------------------------- atomic files
def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, content: bytes | Callable[[io.BufferedWriter], None], point: str = "file") -> None:
    """Write `content` to `path` so that `path` holds either the old bytes or all the new ones.

    Parameters
    ----------
    path : Path
        Destination; its folder must exist.
    content : bytes or callable
        The bytes, or a function that writes them to the open file.
    point : str
        Name of the write for :func:`checkpoint` (``<point>.write``, ``<point>.replace``).

    Raises
    ------
    OSError
        When writing fails; the temporary file is removed and `path` is untouched.
    """
    tmp = path.parent / f"{_TMP_PREFIX}{path.name}-{secrets.token_hex(6)}"
    try:
        with open(tmp, "xb") as handle:
            checkpoint(f"{point}.write")
            if isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint(f"{point}.replace")
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def clean_line(text: str | None, limit: int = 64) -> str:
    """Return `text` fit for the catalog: one printable line of at most `limit` characters, never empty.

    Examples
    --------
    >>> clean_line("  Siti\\n  Rahma\\x00 ")
    'Siti Rahma'
    """
    line = " ".join(str(text or "").split())
    line = "".join(ch for ch in line if ch.isprintable())[:limit]
    return line or "?"


def _note(note: str | None) -> str:
    return clean_line(note, 1000) if note and note.strip() else ""


def clean_actor(name: str | None) -> str:
    """Return a user name fit for the catalog (see :func:`clean_line`)."""
    return clean_line(name, 64)


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
        return _version_json(self)


def _version_json(version: Version | ReferenceVersion) -> dict[str, object]:
    """Return a version's fields for JSON: ``number`` as ``version``, the date in ISO 8601."""
    out: dict[str, object] = {"version": version.number, **asdict(version)}
    del out["number"]
    out["uploaded_at"] = version.uploaded_at.isoformat()
    return out


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
        """Return the reference version as a JSON-ready dict."""
        return _version_json(self)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    version: int | None
    detail: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        """Return the entry as a JSON-ready dict."""
        out = asdict(self)
        out["at"] = self.at.isoformat()
        return out


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
        Hash of the OPD and kecamatan lists in use.
    key : str
        ``v<version>:<sha256>:<reference_key>`` (``sample:<reference_key>`` without a version):
        the :attr:`lebak_dash.views.dataset.Dataset.key` of the data to show. It changes whenever a
        version or an OPD list is activated (the version number is part of it: the same bytes
        uploaded twice are two versions, with their own number and date on screen), so caches
        keyed on it re-key by themselves.
    """

    version: int | None
    sha256: str | None
    reference_version: int | None
    reference_key: str

    @property
    def key(self) -> str:
        """Return the dataset key of this state."""
        if self.version is None:
            return f"sample:{self.reference_key}"
        return f"v{self.version}:{self.sha256}:{self.reference_key}"


@dataclass(frozen=True)
class Candidate:
    """A checked upload, not stored yet: pass it to :meth:`Store.add_version` to apply it.

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
    """

    data: bytes
    sha256: str
    filename: str
    result: ImportResult
    reference_version: int | None
    reference_key: str
    duplicate_of: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """Return True when the file can be stored (the importer accepted it)."""
        return self.result.ok


@dataclass(frozen=True)
class ReferenceCandidate:
    """A checked OPD list, not stored yet: pass it to :meth:`Store.add_reference`.

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


# --------------------------------------------------------------------- reference hashing
_hash_cache: dict[Path, tuple[tuple[int, int], str]] = {}
_hash_lock = threading.Lock()


def _file_hash(path: Path) -> str:
    """Return the SHA-256 of a small file, cached on its size and modification time."""
    stat = path.stat()
    marker = (stat.st_mtime_ns, stat.st_size)
    with _hash_lock:
        cached = _hash_cache.get(path)
        if cached and cached[0] == marker:
            return cached[1]
    digest = file_sha256(path.read_bytes())
    with _hash_lock:
        _hash_cache[path] = (marker, digest)
    return digest


def reference_key(opd_sha256: str | None) -> str:
    """Return the key of the reference tables made of an OPD list and the bundled kecamatan list.

    Parameters
    ----------
    opd_sha256 : str or None
        SHA-256 of the OPD list's bytes; None for the bundled ``data/reference/opd.csv``.
    """
    opd = opd_sha256 or _file_hash(DEFAULT_REFERENCE_DIR / OPD_FILE)
    kecamatan = _file_hash(DEFAULT_REFERENCE_DIR / KECAMATAN_FILE)
    return hashlib.sha256(f"{opd}:{kecamatan}".encode()).hexdigest()[:16]


def _read_arrow(path: Path) -> pa.Table:
    """Read a whole Arrow IPC file (memory-mapped: no decoding step, unlike parquet)."""
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def _write_arrow(table: pa.Table, handle: io.BufferedWriter) -> None:
    """Write `table` as an Arrow IPC file, LZ4-compressed (a third of the size, read as fast)."""
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with pa.ipc.new_file(handle, table.schema, options=options) as writer:
        writer.write_table(table)


# ------------------------------------------------------------------------- tables to show
def versions_frame(versions: list[Version], lang: str = "id") -> pd.DataFrame:
    """Return the versions as a table to show (newest first, times in the dashboard's time zone, headers in `lang`).

    Examples
    --------
    >>> versions_frame([]).columns.tolist()[:3]
    ['Versi', 'Aktif', 'Diunggah (WIB)']
    """
    keys = ("version", "active", "uploaded_at", "uploaded_by", "filename", "records", "rejected", "warnings", "note")
    rows = [
        (
            v.number,
            v.active,
            local_time(v.uploaded_at).replace(tzinfo=None),
            v.uploaded_by,
            v.filename,
            v.records,
            v.rejected,
            v.warnings,
            v.note,
        )
        for v in reversed(versions)
    ]
    frame = pd.DataFrame(rows, columns=[t(f"hist.{k}", lang) for k in keys])
    frame[t("hist.uploaded_at", lang)] = pd.to_datetime(frame[t("hist.uploaded_at", lang)])
    return frame


def audit_frame(entries: list[AuditEntry], lang: str = "id") -> pd.DataFrame:
    """Return audit lines as a table to show (times in the dashboard's time zone, actions named in `lang`)."""
    rows = [
        (
            local_time(e.at).replace(tzinfo=None),
            e.actor,
            t(f"audit.{e.action}", lang) if f"audit.{e.action}" in STRINGS else e.action,
            e.version,
            ", ".join(f"{k}: {v}" for k, v in e.detail.items() if k != "sha256" and v not in (None, "")),
        )
        for e in entries
    ]
    columns = [t(f"hist.{k}", lang) for k in ("at", "actor", "action", "version", "detail")]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[0]] = pd.to_datetime(frame[columns[0]])
    frame[columns[3]] = pd.array(frame[columns[3]], dtype="Int64")
    return frame


# ----------------------------------------------------------------------------------- store
class Store:
    """The data folder: originals, catalog, caches. Safe to share between threads and processes.

    Every method opens its own short-lived SQLite connection, so one :class:`Store` may be
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
        self.catalog_path = self.root / CATALOG
        self._references: dict[str, Reference] = {}
        self._lock = threading.Lock()
        # One reading connection, reused (opening one costs more than the reads a rerun makes).
        self._read_lock = threading.Lock()
        self._read_conn: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ opening, sqlite
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
            for folder in (store.root, store.files_dir, store.cache_dir, store.references_dir):
                folder.mkdir(parents=True, exist_ok=True)
            store._create_schema()
        except OSError as exc:
            raise _write_error(exc, store.root) from exc
        except sqlite3.Error as exc:
            raise _write_error(exc, store.catalog_path) from exc
        store._remove_stale_temp_files()
        return store

    def _connect(self, *, shared: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.catalog_path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=not shared
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    def _create_schema(self) -> None:
        conn = self._connect()
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current == SCHEMA_VERSION:  # the usual case: no write lock needed to open
                return
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > SCHEMA_VERSION:
                    raise StoreError("store.newer_schema", found=current, supported=SCHEMA_VERSION)
                if current == 0:
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(
                        "INSERT INTO state (id, active_version, active_reference, changed_at) "
                        "VALUES (1, NULL, NULL, ?)",
                        (_now().isoformat(),),
                    )
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Yield the store's reading connection (a consistent snapshot inside one ``SELECT``).

        The connection is opened once and shared by the threads of the server, one at a time;
        in autocommit mode each ``SELECT`` sees the latest committed state (WAL).
        """
        with self._read_lock:
            if self._read_conn is None:
                try:
                    self._read_conn = self._connect(shared=True)
                except sqlite3.Error as exc:
                    raise _write_error(exc, self.catalog_path) from exc
            try:
                yield self._read_conn
            except sqlite3.Error:
                self._read_conn.close()  # a broken connection is not reused
                self._read_conn = None
                raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside ``BEGIN IMMEDIATE``; commit on success, roll back on error.

        SQLite errors (disk full, read-only catalog) become :class:`StoreWriteError`; the catalog
        is then exactly as before.
        """
        try:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _write_error(exc, self.catalog_path) from exc
        try:
            yield conn
            checkpoint("catalog.commit")
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | OSError):
                raise _write_error(exc, self.catalog_path) from exc
            raise
        finally:
            conn.close()

    def audit_in(
        self,
        conn: sqlite3.Connection,
        action: str,
        actor: str,
        version: int | None = None,
        **detail: object,
    ) -> None:
        """Append an audit line inside the caller's transaction (so it commits with the change)."""
        conn.execute(
            "INSERT INTO audit (at, actor, action, version, detail) VALUES (?, ?, ?, ?, ?)",
            (_now().isoformat(), clean_actor(actor), action, version, json.dumps(detail, ensure_ascii=False)),
        )

    def log(self, action: str, actor: str, version: int | None = None, **detail: object) -> None:
        """Append an audit line in its own transaction."""
        with self.transaction() as conn:
            self.audit_in(conn, action, actor, version, **detail)

    def _remove_stale_temp_files(self) -> None:
        """Remove temporary files left by a killed writer (only old ones: a live writer may own new ones)."""
        limit = time.time() - _STALE_TMP_S
        for folder in (self.files_dir, self.cache_dir, self.references_dir):
            for path in folder.glob(f"{_TMP_PREFIX}*"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < limit:
                        path.unlink()

    # ---------------------------------------------------------------------- reading
    @staticmethod
    def _version(row: sqlite3.Row, active: int | None) -> Version:
        return Version(
            number=row["number"],
            sha256=row["sha256"],
            filename=row["filename"],
            format=row["format"],
            size=row["size"],
            uploaded_by=row["uploaded_by"],
            uploaded_at=_parse_time(row["uploaded_at"]),
            records=row["records"],
            rejected=row["rejected"],
            errors=row["errors"],
            warnings=row["warnings"],
            note=row["note"],
            kind=row["kind"],
            reference_version=row["reference_version"],
            active=row["number"] == active,
        )

    def versions(self) -> list[Version]:
        """Return every version, oldest first."""
        with self.read() as conn:
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM versions ORDER BY number").fetchall()
        return [self._version(r, active) for r in rows]

    def version(self, number: int) -> Version:
        """Return version `number`.

        Raises
        ------
        VersionNotFoundError
        """
        with self.read() as conn:
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            row = conn.execute("SELECT * FROM versions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise VersionNotFoundError("store.version_not_found", number=number)
        return self._version(row, active)

    def active(self) -> Version | None:
        """Return the active version, or None when the store holds none."""
        state = self.active_state()
        return None if state.version is None else self.version(state.version)

    def active_state(self) -> ActiveState:
        """Return what is active, in one small query: cheap enough to call on every rerun."""
        with self.read() as conn:
            row = conn.execute(
                "SELECT s.active_version, v.sha256, s.active_reference, r.sha256 AS ref_sha FROM state s "
                "LEFT JOIN versions v ON v.number = s.active_version "
                "LEFT JOIN reference_versions r ON r.number = s.active_reference"
            ).fetchone()
        return ActiveState(row[0], row[1], row[2], reference_key(row["ref_sha"]))

    def active_key(self) -> str:
        """Return :attr:`ActiveState.key` of the current state (see :meth:`active_state`)."""
        return self.active_state().key

    def audit(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        """Return the latest `limit` audit lines, newest first (only `action` when given)."""
        query = "SELECT * FROM audit"
        params: tuple[object, ...] = ()
        if action:
            query += " WHERE action = ?"
            params = (action,)
        query += " ORDER BY id DESC LIMIT ?"
        with self.read() as conn:
            rows = conn.execute(query, (*params, int(limit))).fetchall()
        return [
            AuditEntry(r["id"], _parse_time(r["at"]), r["actor"], r["action"], r["version"], json.loads(r["detail"]))
            for r in rows
        ]

    def original_path(self, number: int) -> Path:
        """Return the path of version `number`'s original file."""
        return self.files_dir / self.version(number).sha256

    def original_bytes(self, number: int) -> bytes:
        """Return the original bytes of version `number`, checked against their hash.

        Raises
        ------
        VersionNotFoundError
        StoreError
            ``store.original_missing`` / ``store.original_damaged`` when the file is gone or altered.
        """
        version = self.version(number)
        path = self.files_dir / version.sha256
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError("store.original_missing", number=number, path=str(path)) from exc
        if file_sha256(data) != version.sha256:
            raise StoreError("store.original_damaged", number=number, path=str(path))
        return data

    # ----------------------------------------------------------------- reference lists
    def reference_versions(self) -> list[ReferenceVersion]:
        """Return every uploaded OPD list, oldest first."""
        with self.read() as conn:
            active = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM reference_versions ORDER BY number").fetchall()
        return [
            ReferenceVersion(
                r["number"],
                r["sha256"],
                r["filename"],
                r["uploaded_by"],
                _parse_time(r["uploaded_at"]),
                r["opd_count"],
                r["note"],
                r["number"] == active,
            )
            for r in rows
        ]

    def _reference_sha(self, number: int | None) -> str | None:
        if number is None:
            return None
        with self.read() as conn:
            row = conn.execute("SELECT sha256 FROM reference_versions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise VersionNotFoundError("store.reference_not_found", number=number)
        return row[0]

    def reference_bytes(self, number: int | None = None) -> bytes:
        """Return the OPD list CSV of reference version `number` (None: the active one; 0: bundled)."""
        if number is None:
            number = self.active_state().reference_version
        sha = self._reference_sha(number or None)
        if sha is None:
            return (DEFAULT_REFERENCE_DIR / OPD_FILE).read_bytes()
        path = self.references_dir / f"{sha}.csv"
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError("store.original_missing", number=number, path=str(path)) from exc
        if file_sha256(data) != sha:
            raise StoreError("store.original_damaged", number=number, path=str(path))
        return data

    def reference(self, number: int | None = None) -> Reference:
        """Return the reference tables with OPD list `number` (None: the active list; 0: bundled).

        The bundled tables of ``data/reference/`` are used until an editor uploads an OPD list.
        """
        if number is None:
            number = self.active_state().reference_version
        sha = self._reference_sha(number or None)
        key = reference_key(sha)
        with self._lock:
            cached = self._references.get(key)
        if cached is not None:
            return cached
        base = load_reference()
        reference = base if sha is None else with_opd_table(base, self.reference_bytes(number))
        with self._lock:
            self._references[key] = reference
        return reference

    def check_reference(self, data: bytes, filename: str) -> ReferenceCandidate:
        """Validate an OPD list and show what it would change; nothing is stored.

        Raises
        ------
        StoreError
            ``store.reference_invalid`` with the validator's reason.
        """
        try:
            table = parse_opd_table(data)
            reference = with_opd_table(load_reference(), data)
        except ReferenceError as exc:
            raise StoreError("store.reference_invalid", reason=str(exc)) from exc
        state = self.active_state()
        current = self.reference(state.reference_version or 0)
        old_names, new_names = set(current.opd_names), set(reference.opd_names)
        reimport = diff = None
        if state.version is not None:
            before = self.load(state.version, reference_version=state.reference_version or 0, with_issues=False)
            version = self.version(state.version)
            original = self.original_bytes(state.version)
            reimport = import_workbook(original, filename=version.filename, reference=reference)
            diff = diff_records(before.records, reimport.records)
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
            base_version=state.version,
            base_reference=state.reference_version,
        )

    def add_reference(self, candidate: ReferenceCandidate, by: str, note: str = "") -> ReferenceVersion:
        """Store a checked OPD list and make it active (audited as ``reference_upload``).

        The records of the active workbook read with the new list are cached first, so the
        dashboard switches without waiting.
        """
        path = self.references_dir / f"{candidate.sha256}.csv"
        try:
            if not (path.exists() and path.stat().st_size == len(candidate.data)):
                write_atomic(path, candidate.data, "reference")
        except OSError as exc:
            raise _write_error(exc, path) from exc
        if candidate.base_version is not None and candidate.reimport is not None:
            version = self.version(candidate.base_version)
            self._write_cache(version.sha256, reference_key(candidate.sha256), candidate.reimport)
        with self.transaction() as conn:
            active, active_reference = conn.execute("SELECT active_version, active_reference FROM state").fetchone()
            if active != candidate.base_version:
                raise StoreConflictError("store.conflict", expected=candidate.base_version or 0, active=active or 0)
            if active_reference != candidate.base_reference:
                raise StoreConflictError("store.reference_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM reference_versions").fetchone()[0]
            conn.execute(
                "INSERT INTO reference_versions (number, sha256, filename, uploaded_by, uploaded_at, opd_count, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    candidate.sha256,
                    clean_line(candidate.filename, 255),
                    clean_actor(by),
                    _now().isoformat(),
                    len(candidate.table),
                    _note(note),
                ),
            )
            conn.execute("UPDATE state SET active_reference = ?, changed_at = ?", (number, _now().isoformat()))
            self.audit_in(
                conn,
                "reference_upload",
                by,
                None,
                reference_version=number,
                sha256=candidate.sha256,
                filename=candidate.filename,
                added=len(candidate.added),
                removed=len(candidate.removed),
                note=_note(note),
            )
        return next(r for r in self.reference_versions() if r.number == number)

    def activate_reference(self, number: int, by: str, *, expected_active: int | None = None) -> None:
        """Make OPD list `number` active (0: back to the bundled list); audited.

        With `expected_active` (the OPD list the user saw active, 0: the bundled one), a list
        activated by someone else in between is refused with :class:`StoreConflictError`.
        """
        if number:
            self.reference(number)  # refuses a missing or damaged list before anything changes
        with self.transaction() as conn:
            before = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            if expected_active is not None and (before or 0) != expected_active:
                raise StoreConflictError("store.reference_changed")
            conn.execute("UPDATE state SET active_reference = ?, changed_at = ?", (number or None, _now().isoformat()))
            self.audit_in(conn, "reference_activate", by, None, reference_version=number, previous=before)

    # --------------------------------------------------------------------- importing
    def check(
        self, data: bytes, filename: str, *, isolated: bool | None = None, limits: Limits | None = None
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

        Returns
        -------
        Candidate
            With the importer's report; ``candidate.ok`` says whether it can be applied.
        """
        from lebak_dash.ingest.sandbox import default_isolation, import_isolated

        data = bytes(data)
        state = self.active_state()
        reference = self.reference(state.reference_version or 0)
        if isolated if isolated is not None else default_isolation():
            result = import_isolated(data, filename=filename, reference=reference, limits=limits)
        else:
            result = import_workbook(data, filename=filename, reference=reference, limits=limits)
        sha = file_sha256(data)
        with self.read() as conn:
            same = conn.execute("SELECT number FROM versions WHERE sha256 = ? ORDER BY number", (sha,)).fetchall()
        duplicates = tuple(r[0] for r in same)
        return Candidate(data, sha, filename, result, state.reference_version, state.reference_key, duplicates)

    def diff(self, records: pd.DataFrame, against: int | None = None) -> Diff:
        """Return what changes from version `against` (default: the active one) to `records`.

        Against an empty store, everything is added.
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
        path = self.files_dir / candidate.sha256
        try:
            if not (path.exists() and path.stat().st_size == len(candidate.data)):
                write_atomic(path, candidate.data, "original")
        except OSError as exc:
            raise _write_error(exc, path) from exc
        self._write_cache(candidate.sha256, candidate.reference_key, candidate.result)
        result = candidate.result
        with self.transaction() as conn:
            active, active_reference = conn.execute("SELECT active_version, active_reference FROM state").fetchone()
            if expected_active is not None and (active or 0) != expected_active:
                raise StoreConflictError("store.conflict", expected=expected_active, active=active or 0)
            if active_reference != candidate.reference_version:
                raise StoreConflictError("store.reference_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM versions").fetchone()[0]
            now = _now().isoformat()
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
                    _note(note),
                    kind,
                    candidate.reference_version,
                ),
            )
            checkpoint("catalog.insert")
            conn.execute("UPDATE state SET active_version = ?, changed_at = ?", (number, now))
            self.audit_in(
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
                note=_note(note),
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
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM versions WHERE number = ?", (number,)).fetchone() is None:
                raise VersionNotFoundError("store.version_not_found", number=number)
            active = conn.execute("SELECT active_version FROM state").fetchone()[0]
            if expected_active is not None and (active or 0) != expected_active:
                raise StoreConflictError("store.conflict", expected=expected_active, active=active or 0)
            if active != number:
                conn.execute("UPDATE state SET active_version = ?, changed_at = ?", (number, _now().isoformat()))
                action = "rollback" if active is not None and number < active else "activate"
                self.audit_in(conn, action, by, number, previous=active, note=_note(note))
        return self.version(number)

    # ------------------------------------------------------------------ loading records
    def _cache_paths(self, sha: str, ref_key: str) -> tuple[Path, Path]:
        stem = self.cache_dir / f"{sha}.{ref_key}"
        return stem.with_name(stem.name + ".arrow"), stem.with_name(stem.name + ".issues.arrow")

    def _write_cache(self, sha: str, ref_key: str, result: ImportResult) -> None:
        """Write the records and issues cache; a failure only costs a rebuild later, so it is logged."""
        records_path, issues_path = self._cache_paths(sha, ref_key)
        try:
            write_atomic(issues_path, lambda fh: _write_arrow(issues_table(result.issues), fh), "cache_issues")
            write_atomic(records_path, lambda fh: _write_arrow(records_table(result), fh), "cache")
        except OSError as exc:
            log.warning("records cache not written (%s): %s", records_path.name, exc)

    def _read_cache(self, sha: str, ref_key: str, with_issues: bool) -> ImportResult:
        records_path, issues_path = self._cache_paths(sha, ref_key)
        issues = _read_arrow(issues_path) if with_issues else None
        return result_from_tables(_read_arrow(records_path), issues)

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
            From the records cache; rebuilt from the original file when the cache is missing
            or unreadable.

        Raises
        ------
        VersionNotFoundError
        StoreError
            When the original is missing or damaged and no cache exists.
        """
        with self.read() as conn:  # one connection: this runs whenever a session needs the data
            row = conn.execute("SELECT sha256, filename FROM versions WHERE number = ?", (number,)).fetchone()
            if reference_version is None:
                reference_version = conn.execute("SELECT active_reference FROM state").fetchone()[0]
            ref = None
            if reference_version:
                ref = conn.execute(
                    "SELECT sha256 FROM reference_versions WHERE number = ?", (reference_version,)
                ).fetchone()
        if row is None:
            raise VersionNotFoundError("store.version_not_found", number=number)
        if reference_version and ref is None:
            raise VersionNotFoundError("store.reference_not_found", number=reference_version)
        sha, filename = row
        ref_key = reference_key(ref[0] if ref else None)
        try:
            return self._read_cache(sha, ref_key, with_issues)
        except FileNotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001  (any unreadable cache is rebuilt, never shown as an error)
            log.warning("records cache of version %s unreadable, rebuilding: %s", number, exc)
        reference = self.reference(reference_version or 0)
        result = import_workbook(self.original_bytes(number), filename=filename, reference=reference)
        self._write_cache(sha, ref_key, result)
        return result

    # ------------------------------------------------------------------------ checking
    def verify(self) -> list[str]:
        """Return the problems found in the store (empty when all is well).

        Checks ``PRAGMA integrity_check``, foreign keys, and that every version's original and
        every OPD list exists with the hash it is named by.
        """
        problems: list[str] = []
        with self.read() as conn:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems.extend(f"integrity_check: {line}" for line in integrity)
            problems.extend(f"foreign_key_check: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check"))
            shas = [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM versions")]
            refs = [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM reference_versions")]
        for folder, names in ((self.files_dir, shas), (self.references_dir, [f"{s}.csv" for s in refs])):
            for name in names:
                path = folder / name
                if not path.is_file():
                    problems.append(f"missing: {path}")
                elif file_sha256(path.read_bytes()) != name.removesuffix(".csv"):
                    problems.append(f"damaged: {path}")
        return problems

"""The catalog: one SQLite file holding versions, reference-list versions, the active state, audit and editors.

WAL mode, ``synchronous = FULL``, every write in one ``BEGIN IMMEDIATE`` transaction
(:meth:`Catalog.transaction`), reads on one shared connection (:meth:`Catalog.read`). Nothing is
lost, enforced by the catalog itself: every table named in :data:`APPEND_ONLY` gets triggers that
refuse to delete or change its rows (versions, OPD-list versions, the audit log, column mappings and the
stage maps).

The schema grows by numbered steps (:data:`MIGRATIONS`): a new catalog runs the first schema and
then every step, an older one the steps it lacks, so both end the same. Login throttling and
editor sessions live here too (not in a process's memory), so every server process and replica
sharing the catalog sees the same counts and the same ended sessions; their tables use only
plain types (TEXT, INTEGER, REAL) and single-row updates so they move to PostgreSQL as they are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lebak_dash.store.errors import StoreError, write_error
from lebak_dash.store.files import checkpoint, create_private_file

SCHEMA_VERSION = 5
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
    "viewer_login",
    "editor_removed",
    "editor_disabled",
    "editor_enabled",
    "download",
    "mapping_saved",
    "mapping_retired",
    "stage_map_set",
    "stage_map_off",
    "kecamatan_upload",
    "kecamatan_activate",
    "region_set",
    "region_activate",
    "boundaries_upload",
    "boundaries_activate",
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
    # Later steps are in MIGRATIONS; the append-only triggers are made from APPEND_ONLY.
)

_FIRST_TRIGGERS = ("versions_keep", "versions_fixed", "reference_versions_keep", "audit_keep", "audit_fixed")

#: Tables whose rows are never deleted nor changed, and what the refusals say (on DELETE, on
#: UPDATE). The catalog's triggers enforce it (:func:`append_only_triggers`, made on every open
#: of an older catalog too); a new append-only table is one line here.
APPEND_ONLY: dict[str, tuple[str, str]] = {
    "versions": ("versions are never deleted", "versions are never changed"),
    "reference_versions": ("reference versions are never deleted", "reference versions are never changed"),
    "audit": ("the audit log is append-only", "the audit log is append-only"),
    "mappings": ("mappings are never deleted", "mappings are never changed"),
    "mapping_retirements": ("mapping retirements are never deleted", "mapping retirements are never changed"),
    "version_mappings": ("version mappings are never deleted", "version mappings are never changed"),
    "stage_maps": ("stage maps are never deleted", "stage maps are never changed"),
    "kecamatan_versions": ("kecamatan lists are never deleted", "kecamatan lists are never changed"),
    "region_versions": ("regions are never deleted", "regions are never changed"),
    "boundary_versions": ("boundary versions are never deleted", "boundary versions are never changed"),
}

#: Statements that take a catalog from schema version ``n - 1`` to ``n``, keyed by ``n``.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # Issue 13: throttling per (name, address) and per address with bursts of refusals counted
    # once; editors that can be disabled; editor sessions that end (idle, password change, removal).
    2: (
        # The first schema's triggers, made again from APPEND_ONLY (which adds reference_versions_fixed).
        *(f"DROP TRIGGER IF EXISTS {name}" for name in _FIRST_TRIGGERS),
        "DELETE FROM login_throttle",  # scopes of the old scheme (per name, shared viewer) mean nothing now
        "ALTER TABLE login_throttle ADD COLUMN refused INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE editors ADD COLUMN disabled_at TEXT",
        """CREATE TABLE editor_sessions (
            token_hash TEXT PRIMARY KEY,
            editor_key TEXT NOT NULL,
            started_at REAL NOT NULL,
            last_seen REAL NOT NULL,
            ended_at REAL,
            end_reason TEXT
        )""",
        "CREATE INDEX editor_sessions_editor ON editor_sessions(editor_key)",
    ),
    # Issue 11: column mappings (saved when an import uses them, retired by an editor, the ones
    # each version was read with, in order) and the editors' stage map IID -> 5D, versioned like
    # the OPD list (state.active_stage_map: NULL is off).
    3: (
        """CREATE TABLE mappings (
            number INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            body TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE mapping_retirements (
            mapping INTEGER PRIMARY KEY REFERENCES mappings(number),
            retired_by TEXT NOT NULL,
            retired_at TEXT NOT NULL
        )""",
        """CREATE TABLE version_mappings (
            version INTEGER NOT NULL REFERENCES versions(number),
            position INTEGER NOT NULL,
            mapping INTEGER NOT NULL REFERENCES mappings(number),
            PRIMARY KEY (version, position)
        )""",
        """CREATE TABLE stage_maps (
            number INTEGER PRIMARY KEY,
            body TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "ALTER TABLE state ADD COLUMN active_stage_map INTEGER REFERENCES stage_maps(number)",
    ),
    # Issue 12 (any region): the region (kind, name, code, time zone) and the kecamatan list are
    # data, versioned like the OPD list (state.active_region / active_kecamatan: NULL is the
    # shipped Kabupaten Lebak and its 28 kecamatan).
    4: (
        """CREATE TABLE kecamatan_versions (
            number INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            filename TEXT NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at TEXT NOT NULL,
            kecamatan_count INTEGER NOT NULL,
            centroids INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE region_versions (
            number INTEGER PRIMARY KEY,
            body TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "ALTER TABLE state ADD COLUMN active_kecamatan INTEGER REFERENCES kecamatan_versions(number)",
        "ALTER TABLE state ADD COLUMN active_region INTEGER REFERENCES region_versions(number)",
    ),
    # Issue 12 (maps): kecamatan boundary versions (GeoJSON or zipped Shapefile, byte for byte in
    # boundaries/), versioned like the OPD list (state.active_boundaries: NULL is none).
    5: (
        """CREATE TABLE boundary_versions (
            number INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            filename TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('geojson', 'shapefile')),
            uploaded_by TEXT NOT NULL,
            uploaded_at TEXT NOT NULL,
            kecamatan_count INTEGER NOT NULL,
            attribution TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )""",
        "ALTER TABLE state ADD COLUMN active_boundaries INTEGER REFERENCES boundary_versions(number)",
    ),
}


def append_only_triggers() -> list[str]:
    """Return the statements that make every table of :data:`APPEND_ONLY` refuse updates and deletes.

    The trigger names (``<table>_keep``, ``<table>_fixed``) are those of the first schema, so an
    older catalog keeps its triggers and gains the missing ones.

    Examples
    --------
    >>> append_only_triggers()[0].split()[:6]
    ['CREATE', 'TRIGGER', 'IF', 'NOT', 'EXISTS', 'versions_keep']
    """
    statements = []
    for table, reasons in APPEND_ONLY.items():
        for (suffix, event), reason in zip((("keep", "DELETE"), ("fixed", "UPDATE")), reasons, strict=True):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_{suffix} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{reason}'); END"
            )
    return statements


# ------------------------------------------------------------------------------ values
def utc_now() -> dt.datetime:
    """Return the time stamped on catalog rows (UTC; tests replace it to date uploads)."""
    return dt.datetime.now(dt.UTC)


def parse_time(text: str) -> dt.datetime:
    """Return a catalog time stamp (ISO 8601, UTC) as an aware datetime."""
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


def clean_note(note: str | None) -> str:
    """Return a version's note fit for the catalog (empty stays empty)."""
    return clean_line(note, 1000) if note and note.strip() else ""


def clean_actor(name: str | None) -> str:
    """Return a user name fit for the catalog (see :func:`clean_line`)."""
    return clean_line(name, 64)


def version_json(fields: dict[str, Any]) -> dict[str, object]:
    """Return a version's fields (``dataclasses.asdict``) for JSON: ``number`` as ``version``, the date in ISO 8601.

    The one JSON form of data versions and OPD-list versions.
    """
    fields = dict(fields)
    out: dict[str, object] = {"version": fields.pop("number"), **fields}
    out["uploaded_at"] = fields["uploaded_at"].isoformat()
    return out


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


# ----------------------------------------------------------------------------- catalog
class Catalog:
    """The catalog file: schema, connections, transactions and the audit log.

    Parameters
    ----------
    path : Path
        The SQLite file (``catalog.sqlite`` in the data folder).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # One reading connection, reused (opening one costs more than the reads a rerun makes).
        self._read_lock = threading.Lock()
        self._read_conn: sqlite3.Connection | None = None

    def connect(self, *, shared: bool = False) -> sqlite3.Connection:
        """Return a new connection in autocommit mode (the caller begins its transactions).

        A new catalog file is created 0600 first, so SQLite opens it rather than creating it with
        the umask's mode (its ``-wal`` and ``-shm`` files take the catalog's mode).
        """
        with contextlib.suppress(OSError):  # SQLite reports what is wrong with the file or folder
            create_private_file(self.path)
        conn = sqlite3.connect(
            self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=not shared
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    def ensure_schema(self) -> None:
        """Create the tables in a new catalog, bring an older one up to date; refuse one written by a newer app.

        Raises
        ------
        StoreError
            ``store.newer_schema``.
        sqlite3.Error
            When the file cannot be created or written.
        """
        conn = self.connect()
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
                        (utc_now().isoformat(),),
                    )
                    current = 1
                for step in range(current + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[step]:
                        conn.execute(statement)
                for statement in append_only_triggers():
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Yield the reading connection (a consistent snapshot inside one ``SELECT``).

        The connection is opened once and shared by the threads of the server, one at a time;
        in autocommit mode each ``SELECT`` sees the latest committed state (WAL).
        """
        with self._read_lock:
            if self._read_conn is None:
                try:
                    self._read_conn = self.connect(shared=True)
                except sqlite3.Error as exc:
                    raise write_error(exc, self.path) from exc
            try:
                yield self._read_conn
            except sqlite3.Error:
                self._read_conn.close()  # a broken connection is not reused
                self._read_conn = None
                raise

    def close(self) -> None:
        """Close the shared reading connection (the next read opens it again)."""
        with self._read_lock:
            if self._read_conn is not None:
                self._read_conn.close()
                self._read_conn = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside ``BEGIN IMMEDIATE``; commit on success, roll back on error.

        SQLite errors (disk full, read-only catalog) become :class:`StoreWriteError`; the catalog
        is then exactly as before.
        """
        try:
            conn = self.connect()
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise write_error(exc, self.path) from exc
        try:
            yield conn
            checkpoint("catalog.commit")
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | OSError):
                raise write_error(exc, self.path) from exc
            raise
        finally:
            conn.close()

    @staticmethod
    def now() -> dt.datetime:
        """Return the time to stamp on a row: :func:`utc_now`, looked up on each call (tests date uploads)."""
        return utc_now()

    # ------------------------------------------------------------------------- audit log
    @staticmethod
    def audit_in(
        conn: sqlite3.Connection, action: str, actor: str, version: int | None = None, **detail: object
    ) -> None:
        """Append an audit line inside the caller's transaction (so it commits with the change)."""
        conn.execute(
            "INSERT INTO audit (at, actor, action, version, detail) VALUES (?, ?, ?, ?, ?)",
            (utc_now().isoformat(), clean_actor(actor), action, version, json.dumps(detail, ensure_ascii=False)),
        )

    def log(self, action: str, actor: str, version: int | None = None, **detail: object) -> None:
        """Append an audit line in its own transaction."""
        with self.transaction() as conn:
            self.audit_in(conn, action, actor, version, **detail)

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
            AuditEntry(r["id"], parse_time(r["at"]), r["actor"], r["action"], r["version"], json.loads(r["detail"]))
            for r in rows
        ]

    # ------------------------------------------------------------------------- checking
    def integrity_problems(self) -> list[str]:
        """Return what ``PRAGMA integrity_check`` and ``foreign_key_check`` find (empty when sound)."""
        problems: list[str] = []
        with self.read() as conn:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems.extend(f"integrity_check: {line}" for line in integrity)
            problems.extend(f"foreign_key_check: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check"))
        return problems

    def hashes(self, table: str) -> list[str]:
        """Return the distinct file hashes recorded in `table` (data, OPD-list, kecamatan-list or boundary versions)."""
        if table not in ("versions", "reference_versions", "kecamatan_versions", "boundary_versions"):
            raise ValueError(f"no file hashes in {table!r}")
        with self.read() as conn:
            return [r[0] for r in conn.execute(f"SELECT DISTINCT sha256 FROM {table}")]  # noqa: S608 (checked name)

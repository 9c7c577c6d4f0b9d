"""The catalog: versions, reference-list versions, the active state, audit and editors, in one database.

The database is an SQLite file (the default) or a PostgreSQL database shared by several replicas
(:mod:`lebak_dash.store.database`: every dialect difference is there). Every write runs in one
serialized transaction (:meth:`Catalog.transaction`), reads on a shared connection
(:meth:`Catalog.read`). Nothing is lost, enforced by the database itself: every table named in
:data:`APPEND_ONLY` gets triggers that refuse to delete or change its rows (versions, OPD-list
versions, the audit log, column mappings and the stage maps).

The schema grows by numbered steps (:data:`MIGRATIONS`): a new catalog runs the first schema and
then every step, an older one the steps it lacks, so both end the same. Login throttling and
editor sessions live here too (not in a process's memory), so every server process and replica
sharing the catalog sees the same counts and the same ended sessions. The schema is written in
SQLite's dialect; :meth:`~lebak_dash.store.database.PostgresDatabase.ddl` translates it.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lebak_dash.store.database import Connection, Database, SqliteDatabase
from lebak_dash.store.errors import StoreError

SCHEMA_VERSION = 5

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
    """Return the SQLite statements that make every table of :data:`APPEND_ONLY` refuse updates and deletes.

    The trigger names (``<table>_keep``, ``<table>_fixed``) are those of the first schema, so an
    older catalog keeps its triggers and gains the missing ones.

    Examples
    --------
    >>> append_only_triggers()[0].split()[:6]
    ['CREATE', 'TRIGGER', 'IF', 'NOT', 'EXISTS', 'versions_keep']
    """
    return SqliteDatabase(Path("catalog.sqlite")).append_only(APPEND_ONLY)


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
    """The catalog: schema, connections, transactions and the audit log, on one :class:`Database`.

    Parameters
    ----------
    database : Database or Path
        The backend; a path is the SQLite file (``catalog.sqlite`` in the data folder).
    """

    def __init__(self, database: Database | Path) -> None:
        self.database: Database = SqliteDatabase(database) if isinstance(database, Path) else database

    def ensure_schema(self) -> None:
        """Create the tables in a new catalog, bring an older one up to date; refuse one written by a newer app.

        Runs in one serialized write transaction, so two replicas starting on an empty database
        at once create the schema once.

        Raises
        ------
        StoreError
            ``store.newer_schema``.
        sqlite3.Error
            When the SQLite file cannot be created or written (PostgreSQL: :class:`StoreWriteError`).
        """
        db = self.database
        if db.schema_version() == SCHEMA_VERSION:  # the usual case: no write lock needed to open
            return
        with db.schema_transaction() as conn:
            current = db.schema_version(conn)
            if current > SCHEMA_VERSION:
                raise StoreError("store.newer_schema", found=current, supported=SCHEMA_VERSION)
            db.prepare(conn)
            if current == 0:
                for statement in _SCHEMA:
                    conn.execute(db.ddl(statement))
                conn.execute(
                    "INSERT INTO state (id, active_version, active_reference, changed_at) VALUES (1, NULL, NULL, ?)",
                    (utc_now().isoformat(),),
                )
                current = 1
            for step in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    conn.execute(db.ddl(statement))
            for statement in db.append_only(APPEND_ONLY):
                conn.execute(statement)
            db.set_schema_version(conn, SCHEMA_VERSION)

    def read(self) -> AbstractContextManager[Connection]:
        """Return the reading connection as a context (each ``SELECT`` sees the latest committed state)."""
        return self.database.read()

    def close(self) -> None:
        """Close the shared reading connection (the next read opens it again)."""
        self.database.close()

    def transaction(self) -> AbstractContextManager[Connection]:
        """Return a write transaction: committed on success, rolled back on error (:class:`StoreWriteError`)."""
        return self.database.transaction()

    @staticmethod
    def now() -> dt.datetime:
        """Return the time to stamp on a row: :func:`utc_now`, looked up on each call (tests date uploads)."""
        return utc_now()

    # ------------------------------------------------------------------------- audit log
    @staticmethod
    def audit_in(conn: Connection, action: str, actor: str, version: int | None = None, **detail: object) -> None:
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
        """Return what the database's checks find (SQLite: ``integrity_check``, foreign keys; PostgreSQL: triggers)."""
        return self.database.integrity_problems(APPEND_ONLY)

    def hashes(self, table: str) -> list[str]:
        """Return the distinct file hashes recorded in `table` (data, OPD-list, kecamatan-list or boundary versions)."""
        if table not in ("versions", "reference_versions", "kecamatan_versions", "boundary_versions"):
            raise ValueError(f"no file hashes in {table!r}")
        with self.read() as conn:
            return [r[0] for r in conn.execute(f"SELECT DISTINCT sha256 FROM {table}")]  # noqa: S608 (checked name)

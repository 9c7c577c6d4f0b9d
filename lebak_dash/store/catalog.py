"""The catalog: one SQLite file holding versions, OPD-list versions, the active state, audit and editors.

WAL mode, ``synchronous = FULL``, every write in one ``BEGIN IMMEDIATE`` transaction
(:meth:`Catalog.transaction`), reads on one shared connection (:meth:`Catalog.read`). Nothing is
lost, enforced by the catalog itself: triggers refuse to delete or change a version and to
delete or rewrite an audit line.
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

SCHEMA_VERSION = 1
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
        """Create the tables in a new catalog; refuse a catalog written by a newer app.

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
        """Return the distinct file hashes recorded in `table` (``versions`` or ``reference_versions``)."""
        if table not in ("versions", "reference_versions"):
            raise ValueError(f"no file hashes in {table!r}")
        with self.read() as conn:
            return [r[0] for r in conn.execute(f"SELECT DISTINCT sha256 FROM {table}")]  # noqa: S608 (checked name)

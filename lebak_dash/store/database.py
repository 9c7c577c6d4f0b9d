"""The catalog's database: the embedded SQLite file (the default) or a shared PostgreSQL database.

Both backends implement one small protocol (:class:`Database`): :meth:`~Database.read` and
:meth:`~Database.transaction` yield a connection whose ``execute(sql, params)`` takes SQL with
``?`` placeholders and returns rows readable by column name and by index (``sqlite3.Row`` on
SQLite, :class:`Row` on PostgreSQL). Every SQL-dialect difference is in this module:

=====================  ===================================  =======================================
                       :class:`SqliteDatabase`               :class:`PostgresDatabase`
=====================  ===================================  =======================================
writes serialized by   ``BEGIN IMMEDIATE`` (one writer)      ``pg_advisory_xact_lock`` (one writer,
                                                             across every replica)
reads                  one shared connection, WAL            a pool, autocommit; a statement on a
                                                             connection found dead is retried once
schema version         ``PRAGMA user_version``               table ``lebak_schema``
append-only            triggers ``RAISE(ABORT, ...)``        triggers calling ``lebak_append_only()``
                                                             (plpgsql), TRUNCATE refused too
types                  as written                            ``INTEGER`` -> ``BIGINT``, ``REAL`` ->
                                                             ``DOUBLE PRECISION``, ``AUTOINCREMENT``
                                                             -> identity, ``TEXT`` collated ``"C"``
                                                             (the order SQLite sorts text in)
original files         files in the data folder             table ``blobs`` (``bytea``)
                       (:class:`~lebak_dash.store.blobs.FolderBlobs`)  (:class:`~lebak_dash.store.blobs.DatabaseBlobs`)
=====================  ===================================  =======================================

The connection address (``LEBAK_STORE_URL``) carries the credentials: it is never logged nor shown;
messages name the database by :func:`redacted` (host, port and database name only).
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lebak_dash.store.errors import StoreWriteError, write_error
from lebak_dash.store.files import checkpoint, create_private_file

if TYPE_CHECKING:  # psycopg is imported only when a PostgreSQL store is opened
    import psycopg
    from psycopg_pool import ConnectionPool

_BUSY_TIMEOUT_MS = 30_000
#: The advisory lock every PostgreSQL write transaction takes first (``'LEBK'`` in ASCII).
WRITE_LOCK = 0x4C45424B
#: The session lock under which an empty or older database gets its schema (``'LEBS'`` in ASCII).
SCHEMA_LOCK = 0x4C454253
#: Seconds a PostgreSQL caller waits for a connection before the store says the database is unreachable.
CONNECT_TIMEOUT_S = 10.0


class Cursor(Protocol):
    """What ``execute`` returns: rows by ``fetchone``, ``fetchall`` or iteration."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A catalog connection: SQL with ``?`` placeholders, rows by column name and index."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


class Database(Protocol):
    """What the catalog needs of a backend."""

    kind: str
    location: str

    def read(self) -> contextlib.AbstractContextManager[Connection]: ...

    def transaction(self) -> contextlib.AbstractContextManager[Connection]: ...

    def schema_transaction(self) -> contextlib.AbstractContextManager[Connection]: ...

    def schema_version(self, conn: Connection | None = None) -> int: ...

    def set_schema_version(self, conn: Connection, version: int) -> None: ...

    def ddl(self, statement: str) -> str: ...

    def prepare(self, conn: Connection) -> None: ...

    def after_copy(self, conn: Connection, table: str, column: str) -> None: ...

    def append_only(self, tables: dict[str, tuple[str, str]]) -> list[str]: ...

    def integrity_problems(self, tables: dict[str, tuple[str, str]]) -> list[str]: ...

    def close(self) -> None: ...


# ------------------------------------------------------------------------------ SQLite
class SqliteDatabase:
    """The catalog file: WAL, ``synchronous = FULL``, writes in ``BEGIN IMMEDIATE``, one shared reading connection.

    Parameters
    ----------
    path : Path
        The SQLite file (``catalog.sqlite`` in the data folder).
    """

    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
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

    @contextlib.contextmanager
    def schema_transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection in WAL mode inside ``BEGIN IMMEDIATE`` (SQLite errors pass through)."""
        conn = self.connect()
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    def schema_version(self, conn: Connection | None = None) -> int:
        """Return the catalog's schema version (0: a new file)."""
        if conn is not None:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        own = self.connect()
        try:
            return int(own.execute("PRAGMA user_version").fetchone()[0])
        finally:
            own.close()

    def set_schema_version(self, conn: Connection, version: int) -> None:
        """Record the schema version inside the schema transaction."""
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def ddl(self, statement: str) -> str:
        """Return a schema statement as SQLite runs it (as written: the schema is written in SQLite's dialect)."""
        return statement

    def prepare(self, conn: Connection) -> None:
        """Nothing: the SQLite catalog has only the tables of the schema."""

    def after_copy(self, conn: Connection, table: str, column: str) -> None:
        """Nothing: an ``AUTOINCREMENT`` column continues after the largest number inserted."""

    def append_only(self, tables: dict[str, tuple[str, str]]) -> list[str]:
        """Return the triggers that make `tables` refuse deletes and updates (``<table>_keep``, ``<table>_fixed``).

        Examples
        --------
        >>> SqliteDatabase(Path("x")).append_only({"t": ("no delete", "no update")})[0]
        "CREATE TRIGGER IF NOT EXISTS t_keep BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no delete'); END"
        """
        statements = []
        for table, reasons in tables.items():
            for (suffix, event), reason in zip((("keep", "DELETE"), ("fixed", "UPDATE")), reasons, strict=True):
                statements.append(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_{suffix} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{reason}'); END"
                )
        return statements

    def integrity_problems(self, tables: dict[str, tuple[str, str]]) -> list[str]:
        """Return what ``PRAGMA integrity_check`` and ``foreign_key_check`` find (empty when sound)."""
        problems: list[str] = []
        with self.read() as conn:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems.extend(f"integrity_check: {line}" for line in integrity)
            problems.extend(f"foreign_key_check: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check"))
        return problems


# -------------------------------------------------------------------------- PostgreSQL
class Row(tuple):
    """A PostgreSQL row readable by index and by column name, like ``sqlite3.Row``.

    Examples
    --------
    >>> row = Row((1, "a"), {"number": 0, "sha256": 1})
    >>> row[0], row["sha256"], tuple(row)
    (1, 'a', (1, 'a'))
    """

    _names: dict[str, int]

    def __new__(cls, values: Iterable[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Return the column names, in order."""
        return list(self._names)


def row_factory(cursor: Any) -> Any:
    """Return psycopg's maker of :class:`Row` for `cursor`'s columns."""
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


@functools.lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """Return `sql` with ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled).

    Examples
    --------
    >>> pg_sql("SELECT * FROM t WHERE a = ? AND b LIKE '10%'")
    "SELECT * FROM t WHERE a = %s AND b LIKE '10%%'"
    """
    return sql.replace("%", "%%").replace("?", "%s")


def redacted(url: str) -> str:
    """Return a PostgreSQL address without its credentials (user, password, options): what messages show.

    Examples
    --------
    >>> redacted("postgresql://lebak:rahasia@db.example:5433/dasbor?sslmode=require")
    'postgresql://db.example:5433/dasbor'
    """
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001  (a malformed address is not echoed back: it may hold a password)
        return "postgresql://?"
    host = str(info.get("host") or "localhost")
    host = "socket" if host.startswith("/") else host
    return f"postgresql://{host}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


class PgConnection:
    """A pooled psycopg connection with SQLite's face: ``?`` placeholders, :class:`Row` rows.

    In autocommit mode (reads, and a write's ``BEGIN``), a statement that finds its connection
    dead (the server restarted, a failover, an idle connection cut) is retried once on a fresh
    one, after the pool has dropped every other dead connection (:meth:`ConnectionPool.check`).
    """

    def __init__(self, pool: ConnectionPool[Any], raw: psycopg.Connection[Any], *, retry: bool) -> None:
        self.pool = pool
        self.raw = raw
        self.retry = retry

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        """Run one statement and return its cursor."""
        import psycopg

        query, params = (pg_sql(sql), tuple(parameters)) if parameters else (sql, None)
        try:
            return self.raw.execute(query, params)
        except psycopg.OperationalError:
            if not (self.retry and (self.raw.broken or self.raw.closed)):
                raise
        self.pool.putconn(self.raw)  # the pool drops a broken connection
        self.pool.check()  # and the others cut at the same time (a server restart cuts them all)
        self.raw = self.pool.getconn(CONNECT_TIMEOUT_S)
        return self.raw.execute(query, params)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> psycopg.Cursor[Any]:
        """Run one statement for each parameter tuple."""
        cursor = self.raw.cursor()
        cursor.executemany(pg_sql(sql), [tuple(p) for p in parameters])
        return cursor


#: The PostgreSQL spelling of the catalog's SQLite types (applied to schema statements only).
_PG_TYPES = (
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"^DROP TRIGGER IF EXISTS (\w+)_(keep|fixed)$"), r"DROP TRIGGER IF EXISTS \1_\2 ON \1"),
)

#: What only the PostgreSQL catalog has: its schema version, the original files, the append-only function.
_PG_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS lebak_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
    """CREATE TABLE IF NOT EXISTS blobs (
        kind TEXT COLLATE "C" NOT NULL,
        sha256 TEXT COLLATE "C" NOT NULL CHECK (length(sha256) = 64),
        data BYTEA NOT NULL,
        PRIMARY KEY (kind, sha256)
    )""",
    """CREATE OR REPLACE FUNCTION lebak_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
    END $$""",
)
#: The original files are append-only too (in the data folder, nothing deletes them either).
_PG_APPEND_ONLY = {"blobs": ("stored files are never deleted", "stored files are never changed")}


class PostgresDatabase:
    """A PostgreSQL catalog shared by every replica (psycopg 3 and a connection pool).

    Every write transaction takes one advisory lock first, so writes are serialized across
    replicas as ``BEGIN IMMEDIATE`` serializes them on SQLite (a new number is
    ``MAX(number) + 1`` inside the transaction). Reads run in autocommit mode.

    Parameters
    ----------
    url : str
        ``postgresql://user:password@host:port/database`` (``LEBAK_STORE_URL``); never shown.
    max_size : int
        Connections the pool opens at most (each server thread holds one for a read or a write).
    """

    kind = "postgresql"

    def __init__(self, url: str, *, max_size: int = 8) -> None:
        self.location = redacted(url)
        #: The address with its credentials: never logged nor shown (:attr:`location` is).
        self.url = url
        self._max_size = max_size
        self.pool: ConnectionPool[Any] = self._new_pool()
        self._opened = False
        self._open_lock = threading.Lock()

    def _new_pool(self) -> ConnectionPool[Any]:
        from psycopg_pool import ConnectionPool

        return ConnectionPool(
            self.url,
            min_size=1,
            max_size=self._max_size,
            kwargs={"autocommit": True, "row_factory": row_factory},
            timeout=CONNECT_TIMEOUT_S,
            name="lebak-store",
            open=False,
        )

    def _open(self) -> ConnectionPool[Any]:
        with self._open_lock:
            if not self._opened:
                self.pool.open(wait=False)
                self._opened = True
        return self.pool

    @contextlib.contextmanager
    def _connection(self, *, retry: bool) -> Iterator[PgConnection]:
        pool = self._open()
        try:
            raw = pool.getconn()
        except Exception as exc:  # PoolTimeout: the server does not answer
            raise self.error(exc) from exc
        conn = PgConnection(pool, raw, retry=retry)
        try:
            yield conn
        finally:
            pool.putconn(conn.raw)

    @contextlib.contextmanager
    def read(self) -> Iterator[PgConnection]:
        """Yield a pooled connection in autocommit mode (each ``SELECT`` sees the latest committed state).

        A lost connection (after the retry) becomes :class:`StoreError` ``store.connection_lost``.
        """
        import psycopg

        with self._connection(retry=True) as conn:
            try:
                yield conn
            except psycopg.OperationalError as exc:
                raise self.error(exc) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """Yield a connection inside one transaction holding the write lock; commit on success, roll back on error.

        ``BEGIN`` is retried once on a fresh connection when the pooled one is dead (nothing has
        happened yet); later psycopg errors become :class:`StoreWriteError`
        (``store.connection_lost`` when the connection was lost) and nothing is changed.
        """
        with self._connection(retry=True) as conn, self._locked_transaction(conn):
            yield conn

    @contextlib.contextmanager
    def _locked_transaction(self, conn: PgConnection) -> Iterator[None]:
        import psycopg

        try:
            conn.execute("BEGIN")
            conn.retry = False  # from here on a statement belongs to this transaction
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        except psycopg.Error as exc:
            raise self.error(exc) from exc
        try:
            yield
            checkpoint("catalog.commit")
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(psycopg.Error):
                conn.raw.execute("ROLLBACK")
            if isinstance(exc, psycopg.Error | OSError):
                raise self.error(exc) from exc
            raise

    @contextlib.contextmanager
    def schema_transaction(self) -> Iterator[PgConnection]:
        """Yield a write transaction begun only once this connection holds the schema lock.

        Two replicas starting on an empty database at once: the second waits for the lock and
        then begins its transaction. Waiting inside a transaction would not do: after an advisory
        lock wait PostgreSQL may still look tables up in its catalog cache from before the wait,
        so the second replica saw no schema and created it again (seen with six at once). A new
        transaction reads the catalog afresh.
        """
        import psycopg

        with self._connection(retry=True) as conn:
            try:
                conn.execute("SELECT pg_advisory_lock(?)", (SCHEMA_LOCK,))
            except psycopg.Error as exc:
                raise self.error(exc) from exc
            try:
                with self._locked_transaction(conn):
                    yield conn
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.raw.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))

    def error(self, exc: BaseException) -> StoreWriteError:
        """Return the :class:`StoreWriteError` that explains a psycopg or pool error to a user."""
        import psycopg
        from psycopg import errors

        detail = type(exc).__name__
        if isinstance(exc, errors.DiskFull):
            key = "store.disk_full"
        elif isinstance(exc, errors.InsufficientPrivilege):
            key = "store.no_permission"
        elif isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            key = "store.connection_lost"
        elif isinstance(exc, psycopg.Error):
            key = "store.write_failed"
            detail = f"{detail}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        elif isinstance(exc, OSError):
            return write_error(exc, self.location)
        else:
            key = "store.connection_lost"  # the pool gave no connection in time
        return StoreWriteError(key, path=self.location, detail=detail)

    def schema_version(self, conn: Connection | None = None) -> int:
        """Return the catalog's schema version (0: an empty database)."""
        if conn is None:
            with self.read() as own:
                return self.schema_version(own)
        if conn.execute("SELECT to_regclass('lebak_schema')").fetchone()[0] is None:
            return 0
        row = conn.execute("SELECT version FROM lebak_schema").fetchone()
        return int(row[0]) if row else 0

    def set_schema_version(self, conn: Connection, version: int) -> None:
        """Record the schema version inside the schema transaction."""
        conn.execute(
            "INSERT INTO lebak_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = ?",
            (int(version), int(version)),
        )

    def ddl(self, statement: str) -> str:
        """Return a schema statement (written for SQLite) in PostgreSQL's dialect.

        Examples
        --------
        >>> PostgresDatabase.ddl(None, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL)")
        'CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at DOUBLE PRECISION)'
        """
        for pattern, replacement in _PG_TYPES:
            statement = pattern.sub(replacement, statement)
        return statement

    def after_copy(self, conn: Connection, table: str, column: str) -> None:
        """Make the identity `column` of `table` continue after the numbers copied in (``migrate``)."""
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608 (names from the code)
            f"COALESCE(MAX({column}), 0) + 1, false) FROM {table}"
        )

    def prepare(self, conn: Connection) -> None:
        """Create what only the PostgreSQL catalog has (inside the schema transaction; harmless when present)."""
        for statement in _PG_SCHEMA:
            conn.execute(statement)

    def append_only(self, tables: dict[str, tuple[str, str]]) -> list[str]:
        """Return the triggers that make `tables` (and ``blobs``) refuse deletes, updates and TRUNCATE."""
        statements = []
        for table, (deleted, changed) in {**tables, **_PG_APPEND_ONLY}.items():
            for suffix, event, reason in (("keep", "DELETE", deleted), ("fixed", "UPDATE", changed)):
                statements.append(
                    f"CREATE OR REPLACE TRIGGER {table}_{suffix} BEFORE {event} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION lebak_append_only('{reason}')"
                )
            statements.append(
                f"CREATE OR REPLACE TRIGGER {table}_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION lebak_append_only('{deleted}')"
            )
        return statements

    def integrity_problems(self, tables: dict[str, tuple[str, str]]) -> list[str]:
        """Return the append-only triggers that are missing or disabled (PostgreSQL checks keys itself)."""
        expected = {f"{t}_{s}" for t in {**tables, **_PG_APPEND_ONLY} for s in ("keep", "fixed", "truncate")}
        with self.read() as conn:
            rows = conn.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal AND tgfoid IN "
                "(SELECT oid FROM pg_proc WHERE proname = 'lebak_append_only')"
            ).fetchall()
        enabled = {r[0] for r in rows if r[1] != "D"}
        return [f"integrity_check: trigger {name} missing or disabled" for name in sorted(expected - enabled)]

    def close(self) -> None:
        """Close the pool's connections (a later use opens the pool again)."""
        with self._open_lock:
            if self._opened:
                self.pool.close()
                self._opened = False
                self.pool = self._new_pool()  # a closed pool cannot be opened again

"""Copy a whole store into another (an embedded store into PostgreSQL): ``python -m lebak_dash migrate``.

Every catalog table, row for row with its numbers, times and audit ids, and every original file
(workbooks, OPD and kecamatan lists, boundary files) byte for byte, read back verified against its
hash, in ONE transaction on the target: a failure leaves the target as empty as it was. The
target must be empty (a new database gets its schema when opened); nothing in the source
changes (it is opened as the app opens it: an older catalog is first brought up to date).
"""

from __future__ import annotations

from lebak_dash.store.catalog import SCHEMA_VERSION
from lebak_dash.store.database import Connection
from lebak_dash.store.errors import StoreError
from lebak_dash.store.facade import Store

#: The catalog's tables in an order that respects their foreign keys (``state`` last: it is updated, not inserted).
TABLES = (
    "reference_versions",
    "versions",
    "kecamatan_versions",
    "region_versions",
    "boundary_versions",
    "stage_maps",
    "mappings",
    "mapping_retirements",
    "version_mappings",
    "audit",
    "editors",
    "editor_sessions",
    "login_throttle",
    "settings",
)
#: The state row's columns (what is active).
STATE = ("active_version", "active_reference", "active_stage_map", "active_kecamatan", "active_region")
#: The tables naming original files, and the kind of file each names.
FILES = {
    "versions": "original",
    "reference_versions": "opd",
    "kecamatan_versions": "kecamatan",
    "boundary_versions": "boundaries",
}


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608 (names of TABLES)


def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Copy every row and original file of `source` into the empty `target`; return the rows copied per table.

    Raises
    ------
    StoreError
        ``store.migrate_not_empty`` when the target holds anything already;
        ``store.original_missing`` / ``store.original_damaged`` when a source file is not intact
        (nothing is copied); :class:`StoreWriteError` when the target cannot be written.
    """
    rows: dict[str, list[tuple[list[str], tuple[object, ...]]]] = {}
    with source.read() as conn:
        for table in TABLES:
            found = conn.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608
            rows[table] = [(list(r.keys()), tuple(r)) for r in found]
        state = conn.execute(f"SELECT {', '.join(STATE)}, changed_at FROM state").fetchone()  # noqa: S608
    files = {
        (kind, sha): source.blobs.get(kind, sha, 0)
        for table, kind in FILES.items()
        for sha in source.catalog.hashes(table)
    }
    for (kind, sha), data in files.items():
        target.blobs.put_before(kind, sha, data)
    with target.transaction() as conn:
        full = [table for table in TABLES if _count(conn, table)]
        if full:
            raise StoreError("store.migrate_not_empty", tables=", ".join(full))
        for table in TABLES:
            for names, values in rows[table]:
                marks = ", ".join("?" for _ in names)
                conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)  # noqa: S608
        target.database.after_copy(conn, "audit", "id")
        for (kind, sha), data in files.items():
            target.blobs.put_in(conn, kind, sha, data)
        assignments = ", ".join(f"{column} = ?" for column in (*STATE, "changed_at"))
        conn.execute(f"UPDATE state SET {assignments}", tuple(state))  # noqa: S608
        copied = {table: _count(conn, table) for table in TABLES}
    expected = {table: len(rows[table]) for table in TABLES}
    if copied != expected:  # pragma: no cover - the transaction above inserted exactly these rows
        raise StoreError("store.write_failed", path=target.database.location, detail=f"{copied} != {expected}")
    return {**copied, "files": len(files), "schema": SCHEMA_VERSION}

"""What the store needs on PostgreSQL on top of the tests both backends run (tests/test_store.py...).

Several processes (replicas) on one database: the schema made once, uploads from two processes
both recorded in order, a version activated by one seen by the other at its next read, each
with its own records cache rebuilt from the database; a lost connection ends in a clear message
and the next call works; the credentials of the address are never shown.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from lebak_dash.store import Store, StoreError
from lebak_dash.store.database import pg_sql, redacted
from lebak_dash.store.facade import close_database

from .conftest import ROOT
from .store_helpers import cli_env, workbook_csv

#: A replica's upload, run in its own process: check the file, wait for the start signal, add it.
UPLOAD = """
import sys
from lebak_dash.store import Store
from tests.store_helpers import workbook_csv
store = Store.open(sys.argv[2], url=sys.argv[1])
candidate = store.check(workbook_csv(sys.argv[3], extra=int(sys.argv[4])), sys.argv[3] + ".csv", isolated=False)
sys.stdin.readline()
print(store.add_version(candidate, by=sys.argv[3]).number)
"""


@pytest.fixture
def url(pg_url):
    return pg_url


def add(store: Store, tag: str, extra: int = 1):
    candidate = store.check(workbook_csv(tag, extra=extra), f"{tag}.csv", isolated=False)
    return store.add_version(candidate, by="siti")


def test_two_replicas_opening_an_empty_database_at_once_make_the_schema_once(url, tmp_path):
    barrier = threading.Barrier(4)
    opened: list[object] = []

    def open_one(i: int) -> None:
        barrier.wait()
        try:
            opened.append(Store.open(tmp_path / f"r{i}", url=url).versions())
        except Exception as exc:  # noqa: BLE001
            opened.append(exc)

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened == [[], [], [], []]
    with Store.open(tmp_path / "r0", url=url).read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM state").fetchone()[0] == 1


def test_uploads_from_two_processes_at_once_are_both_recorded_in_order(url, tmp_path):
    Store.open(tmp_path / "main", url=url)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", UPLOAD, url, str(tmp_path / f"replica{i}"), f"r{i}", str(i + 1)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=cli_env(tmp_path / "unused"),
        )
        for i in range(2)
    ]
    for proc in procs:  # both have checked their file and wait on stdin: start them together
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
    numbers = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        numbers.append(int(out.strip()))
    assert sorted(numbers) == [1, 2]
    store = Store.open(tmp_path / "main", url=url)
    versions = store.versions()
    assert [v.number for v in versions] == [1, 2] and [v.active for v in versions] == [False, True]
    assert sorted((v.uploaded_by, v.records) for v in versions) == [("r0", 481), ("r1", 482)]
    assert [e.version for e in reversed(store.audit(action="upload"))] == [1, 2]
    assert store.verify() == []


def test_a_version_activated_on_one_replica_is_seen_by_the_other_with_its_own_cache(url, tmp_path):
    one = Store.open(tmp_path / "one", url=url)
    other = Store.open(tmp_path / "other", url=url)
    first = add(one, "a")
    assert other.active_state() == one.active_state()
    assert other.cache_dir != one.cache_dir and not list(other.cache_dir.iterdir())
    assert len(other.load(first.number).records) == 481  # rebuilt from the original in the database
    assert list(other.cache_dir.iterdir())
    add(one, "b", extra=2)
    one.activate(1, by="siti")
    assert other.active_state().version == 1 and other.active().number == 1


def test_a_lost_connection_ends_in_a_clear_message_and_the_next_call_works(url, tmp_path, pg_server):
    store = Store.open(tmp_path / "store", url=url)
    add(store, "a")
    before = [v.to_dict() for v in store.versions()]
    candidate = store.check(workbook_csv("b"), "b.csv", isolated=False)
    # The database ends the connection in the middle of a write (a restart, a failover).
    with pytest.raises(StoreError) as info, store.transaction() as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        pg_server.admin(f"SELECT pg_terminate_backend({int(pid)})")
        conn.execute("SELECT 1")
    assert info.value.key == "store.connection_lost"
    assert "Sambungan ke basis data" in info.value.message() and "coba lagi" in info.value.message()
    assert "lost" in info.value.message("en")
    assert [v.to_dict() for v in store.versions()] == before  # the next call works; nothing changed
    # Idle connections cut under the pool: reads retry once on a fresh one, writes begin on one.
    pg_server.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{url.rsplit('/', 1)[1]}'")
    assert store.active_state().version == 1
    pg_server.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{url.rsplit('/', 1)[1]}'")
    assert store.add_version(candidate, by="siti").number == 2


def test_an_unreachable_database_is_a_clear_message_without_the_password(tmp_path, pg_server):
    url = f"postgresql://lebak:rahasia-sekali@127.0.0.1:{pg_server.port}/tidak_ada"
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path / "store", url=url)
    message = info.value.message()
    assert info.value.key == "store.connection_lost" and "rahasia-sekali" not in message and "lebak" not in message
    assert "postgresql://127.0.0.1" in message
    close_database(url)  # its pool would go on trying


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:p@db:5433/dasbor", "postgresql://db:5433/dasbor"),
        ("postgresql:///dasbor?host=/run/postgresql&password=x", "postgresql://socket:5432/dasbor"),
        ("host=db user=u password=p dbname=d", "postgresql://db:5432/d"),
        ("postgresql://u:p@[bad", "postgresql://?"),
    ],
)
def test_addresses_are_shown_without_credentials(url, shown):
    assert redacted(url) == shown


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
        ("DELETE FROM t WHERE s LIKE ? ESCAPE '\\'", "DELETE FROM t WHERE s LIKE %s ESCAPE '\\'"),
        ("SELECT '100%' WHERE x = ?", "SELECT '100%%' WHERE x = %s"),
    ],
)
def test_placeholders_are_translated(sql, expected):
    assert pg_sql(sql) == expected


def test_the_cli_reads_the_store_url_and_never_prints_it(url, tmp_path):
    env = cli_env(tmp_path / "unused", LEBAK_CACHE_DIR=str(tmp_path / "cache"))
    store = Store.open(tmp_path / "store", url=url)
    add(store, "a")
    ways = ((["versions", "--json", "--store-url", url], {}), (["versions", "--json"], {"LEBAK_STORE_URL": url}))
    for args, extra in ways:
        proc = subprocess.run(
            [sys.executable, "-m", "lebak_dash", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**env, **extra},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert '"version": 1' in proc.stdout and "postgres@" not in proc.stdout + proc.stderr


def test_a_page_whose_database_is_gone_shows_the_message_and_a_retry(
    url, tmp_path, pg_server, monkeypatch, clear_streamlit_caches
):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("LEBAK_STORE_URL", url)
    monkeypatch.setenv("LEBAK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEBAK_VIEWER_PASSWORD_HASH", raising=False)
    store = Store.open(tmp_path / "cache", url=url)
    add(store, "a")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception and not at.error
    name = url.rsplit("/", 1)[1]
    pg_server.admin(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
    pg_server.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error if "Sambungan ke basis data" in e.value] and at.button(key="store_retry")
    pg_server.admin(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    at.button(key="store_retry").click().run()
    assert not at.exception and not at.error


def pg_schema(store: Store) -> list[tuple]:
    """Return the tables' columns (name, type, nullability, default) and the triggers of a PostgreSQL catalog."""
    with store.read() as conn:
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default, collation_name "
            "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        ).fetchall()
        triggers = conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname").fetchall()
    return [tuple(r) for r in (*columns, *triggers)]


def test_a_first_schema_database_is_migrated_to_the_same_schema(url, tmp_path, pg_server):
    """A database at schema 1 (as the first schema would have made it) takes the same numbered steps as SQLite."""
    from lebak_dash.store.catalog import _SCHEMA, APPEND_ONLY
    from lebak_dash.store.database import PostgresDatabase

    old_url = pg_server.create_database()
    try:
        old = PostgresDatabase(old_url)
        with old.transaction() as conn:
            old.prepare(conn)
            for statement in _SCHEMA:
                conn.execute(old.ddl(statement))
            first = {t: APPEND_ONLY[t] for t in ("versions", "reference_versions", "audit")}
            for statement in old.append_only(first):
                conn.execute(statement)
            conn.execute("INSERT INTO state (id, changed_at) VALUES (1, '2019-01-01T00:00:00+00:00')")
            conn.execute("INSERT INTO login_throttle (scope, failures, last_failure) VALUES ('user:siti', 9, 1.0)")
            old.set_schema_version(conn, 1)
        old.close()
        migrated = Store.open(tmp_path / "old", url=old_url)
        assert pg_schema(migrated) == pg_schema(Store.open(tmp_path / "new", url=url))
        with migrated.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM login_throttle").fetchone()[0] == 0
        assert migrated.verify() == []
    finally:
        close_database(old_url)
        pg_server.drop_database(old_url)

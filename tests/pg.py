"""A PostgreSQL server for the tests, started from Debian's packages, and a fresh database per test.

Fixtures (imported by tests/conftest.py):

* ``pg_server`` (session): a :class:`PgServer` started with ``initdb`` and ``pg_ctl`` of
  ``/usr/lib/postgresql/<n>/bin`` in a temporary folder owned by ``postgres`` (the tests run as
  root; ``runuser -u postgres --``), listening on a free port of 127.0.0.1 and on a unix socket
  in the same folder, trust authentication for the local user ``postgres`` only. Stopped and
  removed after the session. Skips (with the reason) when the binaries are not installed.
  ``pg_server.create_database()`` returns the URL of a new empty database,
  ``pg_server.drop_database(url)`` drops it (closing its connections).
* ``pg_url`` (function): the URL of a new empty database, dropped after the test.
* ``backend`` (``sqlite``, ``postgresql``) and ``open_store``: ``open_store(path=None)`` opens a
  :class:`~lebak_dash.store.Store` on the test's backend (PostgreSQL: the ``pg_url`` database,
  `path` its local cache folder), so one test runs against both.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


def pg_bin() -> Path | None:
    """Return the newest ``/usr/lib/postgresql/<n>/bin`` holding ``initdb`` and ``pg_ctl`` (None: not installed)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found and Path(found[-1]).with_name("pg_ctl").is_file() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """A throwaway PostgreSQL server (see the module's docstring)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="lebak-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        as_root = os.geteuid() == 0
        self._as = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120, cwd=self.folder)

    def start(self) -> None:
        """Create the cluster and start the server (fsync off: a test server loses nothing worth keeping)."""
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = self.folder / "server.log"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        with contextlib.suppress(Exception):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        """Return the URL of database `dbname` (TCP on 127.0.0.1, user ``postgres``)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, statement: str, dbname: str = "postgres") -> None:
        """Run one statement in autocommit mode (CREATE/DROP DATABASE, pg_terminate_backend...)."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[call-overload]

    def create_database(self) -> str:
        """Create a new empty database and return its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop the database of `url` (closing the connections still open on it)."""
        name = url.rsplit("/", 1)[1]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """Start PostgreSQL for the session (skip when Debian's ``postgresql`` package is not installed)."""
    bindir = pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -r requirements.txt)")
    server = PgServer(bindir)
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        server.stop()
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"PostgreSQL did not start: {exc} {detail.decode(errors='replace')[-300:]}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """Return the URL of a new empty database, dropped after the test (with the store's pool closed)."""
    url = pg_server.create_database()
    yield url
    from lebak_dash.store.facade import close_database

    close_database(url)
    pg_server.drop_database(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Return the backend a store test runs on: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def open_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[..., object]:
    """Return ``open_store(path=None)``: a store on the test's backend (PostgreSQL: `path` is its cache folder)."""
    from lebak_dash.store import Store

    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None

    def opener(path: Path | None = None) -> Store:
        return Store.open(path or tmp_path / "store", url=url)

    opener.url = url  # type: ignore[attr-defined]
    return opener

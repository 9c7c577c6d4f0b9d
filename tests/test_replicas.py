"""Two dashboard replicas behind nginx, on one shared store (issue 16).

Started by the test: Debian's nginx in front of two ``streamlit run server.py`` replicas, with the
deployment's own proxy rules (``deploy/nginx/``, through :mod:`bench.replicas`), and websocket
sessions pinned to one replica or the other by nginx's route cookie (:mod:`bench.st_client`, the
load test's client). Checked: the shipped site file passes ``nginx -t``; nginx pins a browser to
one replica and spreads browsers over both, and refuses an upload above ``LEBAK_MAX_FILE_MB``; a
version activated by an editor on Riwayat through one replica shows at the next rerun of a
session on the other, and one activated by the command line on both; viewer-password guesses
throttled through one replica are throttled on the other (the counts live in the store); the
browsers of a replica that dies go on on the other one.

The store is a parameter (:data:`STORE_BACKENDS`): the environment every replica and every
command gets. Skipped when nginx is not installed (``apt-get install -y nginx``).
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from bench.replicas import DEPLOY, UPSTREAM_HEADER, Cluster, nginx_binary, nginx_main, replica_cluster
from bench.st_client import RunResult, Session
from lebak_dash.i18n import t

from .conftest import ROOT, SAMPLE
from .test_deployment import _self_signed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx not installed (apt-get install -y nginx)"),
]


def _postgresql(request: pytest.FixtureRequest) -> dict[str, str]:
    """A new empty database of the session's PostgreSQL server (``pg_server`` of tests/pg.py, when present)."""
    try:
        server = request.getfixturevalue("pg_server")
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL server fixture (pg_server) in this checkout")
    return {"LEBAK_STORE_URL": server.create_database()}


#: How each store backend is given to the replicas and the commands: a function of the test's
#: request returning the environment (a new, empty store each time).
STORE_BACKENDS: dict[str, Callable[[pytest.FixtureRequest], dict[str, str]]] = {
    "sqlite": lambda request: {"LEBAK_DATA_DIR": str(request.getfixturevalue("tmp_path_factory").mktemp("shared"))},
    "postgresql": _postgresql,
}
VIEWER_PASSWORD = "sandi-penonton-uji-1"
EDITOR, EDITOR_PASSWORD = "siti", "sandi-editor-uji-1"
MAX_FILE_MB = 1


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run ``python -m lebak_dash ARGS`` on the store of `env`; return its output (fails on a non-zero exit)."""
    done = subprocess.run(
        [sys.executable, "-m", "lebak_dash", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end on an event loop of its own thread: in the whole suite the browser
    tests' Playwright (sync API) keeps a loop running in the main thread, where ``asyncio.run`` refuses."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module", params=sorted(STORE_BACKENDS))
def store_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Return the environment naming one shared store: two versions of the sample (2 active), one editor."""
    env = STORE_BACKENDS[request.param](request)
    for _ in range(2):
        cli(env, "import", str(SAMPLE), "--by", "uji", "--json")
    cli(env, "add-editor", EDITOR, "--password-stdin", stdin=EDITOR_PASSWORD + "\n")
    return env


@pytest.fixture(scope="module")
def cluster(store_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two replicas on the shared store behind nginx (``LEBAK_MAX_FILE_MB=1``)."""
    with replica_cluster(2, store_env, tmp_path_factory.mktemp("nginx"), max_file_mb=MAX_FILE_MB) as running:
        yield running


def browser(cluster: Cluster, replica: int, address: str = "10.0.0.7", start: int = 0) -> dict[str, str]:
    """Return the headers of a browser at client `address` that nginx pins to replica `replica`."""
    return {"Cookie": f"lebak_route={cluster.cookie_for(replica, start)}", "X-Forwarded-For": address}


def shown(run: RunResult) -> str:
    """Return everything a run showed, as one text."""
    assert not run.exceptions and not run.page_not_found, run
    return "\n".join(run.texts)


def version_shown(run: RunResult) -> int | None:
    """Return the data version named by a run's data line ("versi N ·"), None when none is shown."""
    found = re.search(r"versi (\d+) ·", shown(run))
    return int(found.group(1)) if found else None


def test_nginx_pins_each_browser_to_one_replica_and_spreads_browsers(cluster):
    first, cookie = cluster.answered_by(None)
    assert cookie and re.fullmatch(r"[0-9a-f]{32}", cookie)  # a browser without one gets a route cookie
    assert {cluster.answered_by(cookie) for _ in range(10)} == {(first, cookie)}  # ...and stays on its replica
    assert cluster.answered_by("not-a-route")[1] not in (None, "not-a-route")  # a forged value is replaced
    reached = {cluster.answered_by(f"{n:032x}")[0] for n in range(16)}
    assert reached == {cluster.upstream_of(0), cluster.upstream_of(1)}


def _put(cluster: Cluster, size: int) -> tuple[int, str | None]:
    connection = http.client.HTTPConnection("127.0.0.1", cluster.proxy.port, timeout=30)
    connection.request("PUT", "/_stcore/upload_file/s/f", body=b"x" * size)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader(UPSTREAM_HEADER)


def test_nginx_passes_uploads_up_to_the_file_limit_and_refuses_more(cluster):
    limit = MAX_FILE_MB * 1024 * 1024
    both = {cluster.upstream_of(0), cluster.upstream_of(1)}
    status, tried = _put(cluster, limit - 64 * 1024)  # reaches a replica (which refuses it: no session, no XSRF)
    assert status != 413 and tried in both  # one replica: an upload is never retried on another
    assert _put(cluster, limit + 1) == (413, None)  # nginx's answer: no replica saw it
    # The replica reset the connection of the refused upload; it must stay in the rotation (max_fails=0).
    assert {cluster.answered_by(f"{n:032x}")[0] for n in range(16)} == both


def test_the_shipped_site_passes_nginx_check(tmp_path):
    """deploy/nginx/lebak.conf as installed (its includes from /etc/nginx/lebak/), with a certificate made here."""
    cert, key = _self_signed(tmp_path)
    site = (DEPLOY / "lebak.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/nginx/lebak/", f"{DEPLOY}/").replace("/etc/lebak/cert.pem", cert)
    (tmp_path / "site.conf").write_text(site.replace("/etc/lebak/key.pem", key), encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(nginx_main(tmp_path, f"include {tmp_path}/site.conf;"), encoding="utf-8")
    command = [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    command += ["-e", str(tmp_path / "error.log")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr


async def _activate_through_riwayat(session: Session, number: int) -> RunResult:
    """Log in as the editor on Riwayat and activate version `number` with its confirmation, as a browser does."""
    await session.rerun(page_name="riwayat")
    login = {"login_name": EDITOR, "login_password": EDITOR_PASSWORD, "login_submit": True}
    await session.rerun(page_name="riwayat", widgets=login)
    pick = next(o for o in session.options["hist_pick"] if o.startswith(f"Versi {number} ·"))
    await session.rerun(page_name="riwayat", widgets={"hist_pick": pick, "hist_activate": True})
    return await session.rerun(page_name="riwayat", widgets={"hist_yes": True})


async def _versions_seen(cluster: Cluster, store_env: dict[str, str]) -> list[tuple[str | None, int | None]]:
    """A viewer on replica B, an editor on replica A: return (replica, version shown) after each step."""
    seen = []
    async with Session(cluster.url, browser(cluster, 0)) as on_a, Session(cluster.url, browser(cluster, 1)) as on_b:
        seen.append((on_b.handshake_header(UPSTREAM_HEADER), version_shown(await on_b.rerun())))
        activated = await _activate_through_riwayat(on_a, 1)  # the editor undoes through replica A
        seen.append((on_a.handshake_header(UPSTREAM_HEADER), version_shown(activated)))
        seen.append((on_b.handshake_header(UPSTREAM_HEADER), version_shown(await on_b.rerun())))
        await asyncio.to_thread(cli, store_env, "activate", "2", "--by", "uji")  # and the command line redoes
        for session in (on_a, on_b):
            seen.append((session.handshake_header(UPSTREAM_HEADER), version_shown(await session.rerun())))
    return seen


def test_a_version_activated_through_one_replica_shows_on_the_other_at_its_next_rerun(cluster, store_env):
    a, b = cluster.upstream_of(0), cluster.upstream_of(1)
    try:
        assert run_async(_versions_seen(cluster, store_env)) == [(b, 2), (a, 1), (b, 1), (a, 2), (b, 2)]
    finally:
        cli(store_env, "activate", "2", "--by", "uji")


THROTTLED = re.compile(re.escape(t("auth.throttled", "id", count=999)).replace("999", r"(\d+)"))
WAIT = re.compile(re.escape(t("access.wait", "id", count=999)).replace("999", r"(\d+)"))


async def _submit(session: Session, password: str) -> str:
    """Give the viewer password form `password` (opening the page first when the form is not known yet)."""
    if "viewer_submit" not in session.widget_ids:
        opened = await session.rerun()
        assert "viewer_submit" in session.widget_ids, shown(opened)  # the page shows the password form
    return shown(await session.rerun(widgets={"viewer_password": password, "viewer_submit": True}))


async def _throttle_across(cluster: Cluster) -> tuple[str, str]:
    """Guess wrong through replica A until the next attempt must wait 8 s or more; then try the right
    password through replica B from the same address, and from another address. Return both texts."""
    async with Session(cluster.url, browser(cluster, 0)) as on_a:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = await _submit(on_a, "salah-salah-salah")
            waiting, refused = WAIT.search(text), THROTTLED.search(text)
            if waiting and int(waiting.group(1)) >= 8:
                break
            told = refused or waiting
            if told:  # wait as told, so that the next guess is counted
                await asyncio.sleep(int(told.group(1)))
        else:
            pytest.fail("the wait never reached 8 s")
        assert on_a.handshake_header(UPSTREAM_HEADER) == cluster.upstream_of(0)
    async with Session(cluster.url, browser(cluster, 1)) as on_b:
        same_address = await _submit(on_b, VIEWER_PASSWORD)
        assert on_b.handshake_header(UPSTREAM_HEADER) == cluster.upstream_of(1)
    async with Session(cluster.url, browser(cluster, 1, address="10.0.0.8")) as other:
        other_address = await _submit(other, VIEWER_PASSWORD)
    return same_address, other_address


def test_a_login_throttled_through_one_replica_is_throttled_on_the_other(cluster, store_env):
    cli(store_env, "viewer-password", "--password-stdin", "--by", "uji", stdin=VIEWER_PASSWORD + "\n")
    try:
        same_address, other_address = run_async(_throttle_across(cluster))
    finally:
        cli(store_env, "viewer-password", "--clear", "--by", "uji")
    # Replica B refuses the right password from the throttled address without checking it...
    assert THROTTLED.search(same_address) and "versi" not in same_address
    # ...and lets it in from another address: the refusal was the shared throttle.
    assert not THROTTLED.search(other_address) and re.search(r"versi \d+ ·", other_address)


async def _rerun_with(cluster: Cluster, headers: dict[str, str]) -> tuple[str | None, int | None]:
    async with Session(cluster.url, headers) as session:
        return session.handshake_header(UPSTREAM_HEADER), version_shown(await session.rerun())


def test_the_browsers_of_a_lost_replica_move_to_the_other(store_env, tmp_path):
    """A replica that dies: nginx sends its browsers' requests to the next replica, where they go on."""
    with replica_cluster(2, store_env, tmp_path / "nginx", max_file_mb=MAX_FILE_MB) as running:
        pinned_to_b = browser(running, 1)
        assert run_async(_rerun_with(running, pinned_to_b))[0] == running.upstream_of(1)
        lost = running.replicas[1].process
        lost.terminate()
        lost.wait(30)
        # Every request for B is tried on B (refused at once) and then answered by A (max_fails=0).
        tried_b_then_a = f"{running.upstream_of(1)}, {running.upstream_of(0)}"
        assert running.answered_by(pinned_to_b["Cookie"].split("=", 1)[1])[0] == tried_b_then_a
        assert run_async(_rerun_with(running, pinned_to_b)) == (tried_b_then_a, 2)  # a new session on A

"""The store under real processes: kill -9 at named and random moments, parallel imports, full disk.

Each import is the real command line (``python -m lebak_dash import``) in its own process group,
on both backends: the data folder, or PostgreSQL (``LEBAK_STORE_URL``; the folder then holds
only the process's records cache, and the original is written in the catalog transaction, so
the ``original.*`` points are not reached).
``LEBAK_STORE_TEST_PAUSE`` makes it stop at a named point of the write (it prints
``LEBAK_PAUSE <point>`` and waits for a line on stdin), so a test can kill it exactly there, or
let it go on and kill it a random moment later.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lebak_dash.store import Store

from .conftest import ROOT
from .store_helpers import cli_env, run_cli, snapshot, stored_files, workbook_csv

#: Named points of one upload, in the order they are reached.
POINTS = (
    "version.start",
    "original.write",
    "original.replace",
    "cache_issues.write",
    "cache_issues.replace",
    "cache.write",
    "cache.replace",
    "catalog.insert",
    "catalog.commit",
    "version.done",
)
COMMITTED_AT = "version.done"


class Place:
    """Where the store of a test is: a data folder, and the PostgreSQL address (None: the folder's SQLite store)."""

    def __init__(self, data_dir: Path, url: str | None) -> None:
        self.data_dir, self.url = data_dir, url

    def open(self) -> Store:
        return Store.open(self.data_dir, url=self.url or "")

    def env(self) -> dict[str, str]:
        """Return the environment that points a command line at this store."""
        return {"LEBAK_STORE_URL": self.url, "LEBAK_CACHE_DIR": str(self.data_dir)} if self.url else {}

    def points(self) -> tuple[str, ...]:
        return POINTS if self.url is None else tuple(p for p in POINTS if not p.startswith("original."))


@pytest.fixture
def place(backend, tmp_path, request) -> Place:
    return Place(tmp_path / "store", request.getfixturevalue("pg_url") if backend == "postgresql" else None)


def start_import(place: Place, file: Path, pause: str | None = None, **env: str) -> subprocess.Popen:
    extra = {"LEBAK_STORE_TEST_PAUSE": pause} if pause else {}
    extra.update(place.env())
    return subprocess.Popen(
        [sys.executable, "-m", "lebak_dash", "import", str(file), "--by", "uji", "--note", file.stem],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=cli_env(place.data_dir, **extra, **env),
        start_new_session=True,  # its own process group: the kill takes the import child too
        text=True,
    )


def wait_for_pause(proc: subprocess.Popen) -> str:
    said = []
    for line in proc.stderr:
        if line.startswith("LEBAK_PAUSE "):
            return line.split()[1]
        said.append(line)
    raise AssertionError(f"the import ended (status {proc.wait()}) without reaching its pause point: {said[-5:]}")


def resume(proc: subprocess.Popen) -> None:
    proc.stdin.write("\n")
    proc.stdin.flush()


def kill9(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stderr):
        with contextlib.suppress(OSError):
            stream.close()


def integrity_ok(place: Place) -> bool:
    if place.url is not None:
        return True  # PostgreSQL: the server's own recovery; Store.verify checks the triggers
    conn = sqlite3.connect(place.data_dir / "catalog.sqlite")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def assert_store_sound(place: Place, previous: int, previous_records: int, new_records: int) -> bool:
    """Check the store after a kill; return True when the killed upload was committed."""
    store = place.open()
    assert integrity_ok(place)
    assert store.verify() == []
    versions = store.versions()
    active = store.active()
    committed = len(versions) == previous + 1
    assert len(versions) in (previous, previous + 1)
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    if committed:
        assert active.number == previous + 1 and active.records == new_records
        assert len(store.load(active.number).records) == new_records
        assert store.audit(limit=1)[0].action == "upload"
    else:
        assert active.number == previous
    # the previous active version is intact and loadable, whatever happened
    assert len(store.load(previous).records) == previous_records
    assert store.original_bytes(previous)
    return committed


@pytest.fixture
def seeded(place):
    store = place.open()
    candidate = store.check(workbook_csv("seed"), "seed.csv", isolated=False)
    store.add_version(candidate, by="seed")
    return place


@pytest.mark.slow
def test_kill9_at_every_named_point(seeded, tmp_path):
    versions, records = 1, 481
    for i, point in enumerate(seeded.points()):
        file = tmp_path / f"named-{i}.csv"
        file.write_bytes(workbook_csv(f"named{i}", extra=i + 2))
        proc = start_import(seeded, file, pause=point)
        assert wait_for_pause(proc) == point
        kill9(proc)
        committed = assert_store_sound(seeded, versions, records, 481 + i + 1)
        assert committed == (point == COMMITTED_AT), point
        if committed:
            versions, records = versions + 1, 481 + i + 1


def measure_write_phase(place: Place, file: Path) -> tuple[float, float]:
    """Return how long one undisturbed upload takes from its start to the commit, and from there to its end."""
    proc = start_import(place, file, pause="version.start,catalog.commit,version.done")
    times = {}
    for point in ("version.start", "catalog.commit", "version.done"):
        assert wait_for_pause(proc) == point
        times[point] = time.monotonic()
        resume(proc)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    proc.stdin.close()
    proc.stderr.close()
    return times["catalog.commit"] - times["version.start"], times["version.done"] - times["catalog.commit"]


#: Where each random kill may land, by the iteration's number modulo 5, and the outcome that is then
#: certain (None: either). A named pause bounds a window: a process that reaches it waits there.
WINDOWS = {
    0: ("before the commit", None, "version.start,catalog.commit", False),
    1: ("before the commit", None, "version.start,catalog.commit", False),
    2: ("across the commit", "catalog.commit", "catalog.commit", None),
    3: ("after the commit", "version.done", "version.done", True),
    4: ("anywhere in the process's life", None, None, None),
}


@pytest.mark.slow
def test_kill9_at_random_moments(seeded, tmp_path):
    rng = random.Random(20181128)
    file = tmp_path / "calibrate.csv"
    file.write_bytes(workbook_csv("calibrate"))
    to_commit, after_commit = measure_write_phase(seeded, file)
    versions, records = 2, 481
    outcomes: dict[str, list[bool]] = {}
    for i in range(30):
        extra = i + 2
        file = tmp_path / f"random-{i}.csv"
        file.write_bytes(workbook_csv(f"random{i}", extra=extra))
        window, resumed_at, pause, certain = WINDOWS[i % 5]
        proc = start_import(seeded, file, pause=pause)
        if window == "anywhere in the process's life":  # start-up and import included
            time.sleep(rng.uniform(0, 1.5))
        elif window == "before the commit":
            assert wait_for_pause(proc) == "version.start"
            resume(proc)  # a process that gets to the commit before the kill waits there
            time.sleep(rng.uniform(0, to_commit * 1.1))
        else:
            assert wait_for_pause(proc) == resumed_at
            resume(proc)
            time.sleep(rng.uniform(0, after_commit * 1.1))
        kill9(proc)
        committed = assert_store_sound(seeded, versions, records, 480 + extra)
        assert certain is None or committed == certain, (i, window)
        outcomes.setdefault(window, []).append(committed)
        if committed:
            versions, records = versions + 1, 480 + extra
    every = [o for window in outcomes.values() for o in window]
    assert len(every) == 30 and set(every) == {True, False}  # both outcomes occur, whatever the timing


@pytest.mark.slow
def test_four_imports_at_the_same_moment(place, tmp_path):
    place.open()
    files = []
    for i in range(4):
        file = tmp_path / f"parallel-{i}.csv"
        file.write_bytes(workbook_csv(f"parallel{i}", extra=i + 1))
        files.append(file)
    procs = [start_import(place, f, pause="version.start") for f in files]
    for proc in procs:
        wait_for_pause(proc)
    for proc in procs:  # all four go on at once
        resume(proc)
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        proc.stdin.close()
        proc.stderr.close()
    store = place.open()
    versions = store.versions()
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert sorted(v.records for v in versions) == [481, 482, 483, 484]
    assert sorted(v.note for v in versions) == [f"parallel-{i}" for i in range(4)]
    assert len({v.sha256 for v in versions}) == 4 and len(stored_files(store, "original")) == 4
    times = [v.uploaded_at for v in versions]
    assert times == sorted(times)  # numbered in commit order
    assert store.active().number == 4
    uploads = sorted(store.audit(action="upload"), key=lambda e: e.id)
    assert [e.version for e in uploads] == [1, 2, 3, 4]
    assert [e.detail["previous"] for e in uploads] == [None, 1, 2, 3]
    assert integrity_ok(place) and store.verify() == []
    for v in versions:
        assert len(store.load(v.number).records) == v.records


@pytest.mark.parametrize("point", ["original.write", "catalog.commit"])
def test_full_disk_in_the_command_line(seeded, tmp_path, point):
    if point.startswith("original") and seeded.url is not None:
        pytest.skip("on PostgreSQL the original is written in the catalog transaction")
    before = snapshot(seeded.open())
    file = tmp_path / "full.csv"
    file.write_bytes(workbook_csv("full"))
    proc = run_cli(seeded.data_dir, "import", str(file), "--by", "uji", LEBAK_STORE_TEST_FAIL=point, **seeded.env())
    assert proc.returncode == 1
    assert "Penyimpanan penuh" in proc.stderr and "Tidak ada yang diubah" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    after = snapshot(seeded.open())
    assert after["versions"] == before["versions"] and after["audit"] == before["audit"]
    assert after["state"] == before["state"]
    if point == "original.write":
        assert after["files"] == before["files"]

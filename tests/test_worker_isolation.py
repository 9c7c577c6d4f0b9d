"""The import worker isolates, not only limits: each fact is seen from inside a worker run.

The import worker's ``probe`` task reports, once the worker has confined itself, its environment,
its folder, its user, its limits, and what happened when it tried to reach the store and the
network; the check worker reports its confinement with its answer. The server's side of the
test plants a secret in its own environment, a store with a version, and a listening socket.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest

from lebak_dash.config import Limits
from lebak_dash.ingest import isolation
from lebak_dash.ingest.isolation import FILE_SIZE_LIMIT, OPEN_FILES_LIMIT, worker_environment
from lebak_dash.ingest.sandbox import probe
from lebak_dash.ingest.supervisor import log_confinement

from .conftest import ROOT, SAMPLE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux confinement")
AS_ROOT = os.geteuid() == 0
SECRET = "scrypt$16384$8$1$c2FsdA==$cmFoYXNpYQ=="
NETWORK_OK = ("namespace", "user-namespace")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A store with a version, a secret in the environment and a listening port, as a server has."""
    from lebak_dash.store import Store

    folder = tmp_path_factory.mktemp("server") / "store"
    store = Store.open(folder)
    store.add_version(store.check(SAMPLE.read_bytes(), "contoh.xlsx", isolated=False), by="siti")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    saved = {k: os.environ.get(k) for k in ("LEBAK_VIEWER_PASSWORD_HASH", "LEBAK_DATA_DIR", "HTTP_PROXY")}
    os.environ.update(LEBAK_VIEWER_PASSWORD_HASH=SECRET, LEBAK_DATA_DIR=str(folder), HTTP_PROXY="http://proxy:3128")
    try:
        yield store, listener.getsockname()[1]
    finally:
        listener.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def facts(server):
    store, port = server
    return probe(store.root, port)


def test_the_environment_is_minimal(facts):
    environ = facts["environ"]
    assert set(environ) == set(worker_environment(Path(facts["cwd"])))
    assert not [k for k in environ if k.startswith("LEBAK_")] and "HTTP_PROXY" not in environ
    assert SECRET not in json.dumps(environ)
    assert facts["confinement"]["environ"] == sorted(environ)


def test_the_working_folder_is_private_and_removed_after(facts):
    cwd = Path(facts["cwd"])
    assert cwd != ROOT and ROOT not in cwd.parents
    assert cwd.parent == Path(tempfile.gettempdir()) and cwd.name.startswith("lebak-worker-")
    assert facts["confinement"]["cwd_mode"] == 0o700 and facts["confinement"]["cwd_owner"] == facts["uid"]
    assert facts["attempts"]["workdir_write"] == "ok"
    assert not cwd.exists()


@pytest.mark.skipif(not AS_ROOT, reason="the worker changes user only when the server runs as root")
def test_the_worker_runs_as_an_unprivileged_user(facts):
    uid, gid = isolation.worker_ids() or (-1, -1)
    assert (facts["uid"], facts["euid"], facts["gid"], facts["groups"]) == (uid, uid, gid, [])
    assert uid not in (0, os.getuid()) and facts["confinement"]["user"].endswith(f"({uid})")
    assert facts["no_new_privs"] == "1"


@pytest.mark.skipif(not AS_ROOT, reason="the store is out of reach when the worker is another user")
def test_the_store_is_out_of_reach(facts, server):
    store, _port = server
    attempts = facts["attempts"]
    for action in ("write", "read", "list"):
        assert attempts[action].startswith("PermissionError"), (action, attempts[action])
    assert not (store.root / "worker-was-here").exists()
    assert store.verify() == []


def test_no_network(facts):
    network = facts["confinement"]["network"]
    if network not in NETWORK_OK:
        pytest.skip(f"this machine allows no network namespace: {network}")
    attempts = facts["attempts"]
    assert "Network is unreachable" in attempts["udp"], attempts["udp"]  # no interface, not even loopback
    assert attempts["connect"] != "ok" and attempts["connect"].split(":")[0] in ("OSError", "PermissionError")


def test_nothing_outside_the_working_folder_can_be_opened(facts):
    landlock = facts["confinement"]["landlock"]
    if not landlock.startswith("abi"):
        pytest.skip(f"this kernel has no Landlock: {landlock}")
    attempts = facts["attempts"]
    assert attempts["outside_read"].startswith("PermissionError")  # a world-readable file of the project
    assert attempts["workdir_write"] == "ok"
    if int(landlock.split()[1]) >= 4:
        assert attempts["connect"].startswith("PermissionError")  # TCP refused by Landlock itself


def test_the_limits_are_in_force(facts):
    limits = facts["limits"]
    assert limits["RLIMIT_FSIZE"] == [FILE_SIZE_LIMIT, FILE_SIZE_LIMIT]
    assert limits["RLIMIT_NOFILE"] == [OPEN_FILES_LIMIT, OPEN_FILES_LIMIT]
    assert limits["RLIMIT_CORE"] == [0, 0]
    budget = Limits.from_env().max_memory_mb * 1024 * 1024
    assert 0 < limits["RLIMIT_AS"][0] < budget * 4
    assert 0 < limits["RLIMIT_CPU"][0] <= Limits.from_env().timeout_s + isolation.CPU_GRACE_S + 1
    assert 0 < limits["RLIMIT_NPROC"][0] < 10_000
    assert "File too large" in facts["attempts"]["workdir_big_write"]
    if AS_ROOT and facts["confinement"]["network"] in NETWORK_OK:
        assert facts["confinement"]["fallbacks"] == []  # nothing fell back on a machine that allows it all


@pytest.mark.skipif(not AS_ROOT, reason="RLIMIT_NPROC binds only a worker that is not root")
def test_the_process_limit_binds(facts):
    assert facts["attempts"]["fork"].startswith("BlockingIOError"), facts["attempts"]["fork"]


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in (ROOT / "tests" / "fixtures").iterdir()
        if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
    ),
)
def test_the_confined_worker_reads_every_fixture_as_in_process(name, reference):
    from lebak_dash.ingest.importer import import_workbook
    from lebak_dash.ingest.sandbox import import_isolated

    data = (ROOT / "tests" / "fixtures" / name).read_bytes()
    here = import_workbook(data, filename=name, reference=reference)
    there = import_isolated(data, filename=name, reference=reference)
    assert [i.code for i in there.issues] == [i.code for i in here.issues]
    assert there.ok == here.ok and there.format == here.format
    pd.testing.assert_frame_equal(there.records, here.records)


# --------------------------------------------------------------------------- the check worker
def test_the_check_worker_is_confined_the_same_way(server, monkeypatch, tmp_path):
    from lebak_dash.cli.launch import CHECK_WORKER, check_job

    store, _port = server
    monkeypatch.chdir(tmp_path)
    job = check_job(["check", str(SAMPLE), "--json", "--data-dir", str(store.root)], Limits.from_env())
    assert job["environ"] == {"LEBAK_DATA_DIR": str(store.root)}  # the secret and the proxy stay here
    run = CHECK_WORKER.run(job, max_memory_mb=1024, timeout_s=60)
    assert run.status == "ok" and run.header["exit"] == 0
    report = json.loads(run.payload)
    assert report["records"] == 480 and report["duplicate_of"] == [1]  # it read the store before confining
    confinement = run.header["confinement"]
    assert set(confinement["environ"]) <= set(worker_environment(Path("x")))
    assert confinement["cwd_mode"] == 0o700 and Path(confinement["cwd"]).name.startswith("lebak-worker-")
    assert confinement["limits"]["RLIMIT_FSIZE"] == [FILE_SIZE_LIMIT, FILE_SIZE_LIMIT]
    if AS_ROOT:
        assert confinement["uid"] == (isolation.worker_ids() or (0, 0))[0] != 0
        assert confinement["network"] in NETWORK_OK


def test_the_check_worker_reads_the_stores_opd_list_once_confined(tmp_path, monkeypatch):
    from lebak_dash.cli.launch import CHECK_WORKER, check_job
    from lebak_dash.store import Store

    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")  # the store is filled in process; the check is isolated
    store = Store.open(tmp_path / "store")
    opd = store.reference_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n"
    store.add_reference(store.check_reference(opd, "opd.csv"), by="siti")
    (tmp_path / "a.csv").write_bytes(b"Nama Inovasi,OPD,Tahapan\r\nSatu,DUC,Design\r\n")
    monkeypatch.chdir(tmp_path)
    job = check_job(["check", "a.csv", "--json", "--data-dir", "store"], Limits.from_env())
    run = CHECK_WORKER.run(job, max_memory_mb=1024, timeout_s=60)
    assert run.status == "ok" and run.header["exit"] == 0, run.header
    report = json.loads(run.payload)
    assert report["per_opd"] == {"Dinas Uji Coba": 1} and report["reference_version"] == 1


@pytest.mark.parametrize(
    ("name", "passed"),
    [
        ("LEBAK_DATA_DIR", True),
        ("LEBAK_TIMEZONE", True),
        ("LEBAK_MAX_ROWS", True),
        ("LEBAK_IMPORT_TIMEOUT_S", True),
        ("LEBAK_VIEWER_PASSWORD_HASH", False),
        ("LEBAK_SESSION_SECRET", False),
        ("LEBAK_TRUSTED_PROXY", False),
        ("HOME", False),
        ("AWS_SECRET_ACCESS_KEY", False),
    ],
)
def test_only_named_settings_reach_the_check_worker(name, passed):
    from lebak_dash.cli.launch import PASSED_SETTINGS

    assert bool(PASSED_SETTINGS.fullmatch(name)) is passed


# ------------------------------------------------------------------------------- fallbacks
def _run_python(code: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def test_no_namespace_once_threads_run_and_it_is_said(tmp_path):
    code = (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(2,), daemon=True).start()\n"
        "from lebak_dash.ingest.isolation import enter_network_namespace\n"
        "print(enter_network_namespace())"
    )
    assert _run_python(code, tmp_path) == "unavailable: threads were already running"


def test_a_worker_that_cannot_change_user_says_so(tmp_path):
    # As another user than root: limits still set, the user kept, and the report says both.
    code = (
        "import json, os\n"
        "os.geteuid = lambda: 1000\n"
        "from lebak_dash.ingest import isolation\n"
        "print(json.dumps(isolation.confine('unavailable: Operation not permitted', max_memory_mb=2048, timeout_s=5)"
        ".to_dict()))"
    )
    report = json.loads(_run_python(code, tmp_path))
    assert report["user"] == "unchanged: not root" and report["uid"] == os.getuid()
    assert report["fallbacks"] == [
        "network: unavailable: Operation not permitted",
        "user: the server does not run as root, the worker keeps its user",
    ]
    assert report["limits"]["RLIMIT_NOFILE"] == [OPEN_FILES_LIMIT, OPEN_FILES_LIMIT]


def test_the_parent_logs_each_fallback_once(caplog):
    confinement = {"fallbacks": ["network: unavailable: Operation not permitted (test)"]}
    with caplog.at_level("WARNING", logger="lebak_dash.ingest.supervisor"):
        log_confinement(confinement)
        log_confinement(confinement)
    assert [r.getMessage() for r in caplog.records] == [
        "import worker isolation reduced on this machine: network: unavailable: Operation not permitted (test)"
    ]


def test_a_worker_refuses_to_parse_when_it_cannot_confine_itself(tmp_path):
    # Started in the project folder (never the case for a real worker), confine() refuses.
    code = (
        "import os\n"
        "os.geteuid = lambda: 1000\n"
        "from lebak_dash.ingest import isolation\n"
        "try:\n"
        "    isolation.confine('namespace', max_memory_mb=2048, timeout_s=5)\n"
        "except RuntimeError as exc:\n"
        "    print(exc)\n"
    )
    assert _run_python(code, ROOT) == "the worker must run in its own working folder"


def test_a_spare_whose_server_ends_removes_its_folder(tmp_path):
    # The server ends without running its exit handlers (killed): the waiting spare sees its
    # stdin close, removes its working folder and exits.
    code = (
        "import os\n"
        "from lebak_dash.ingest.sandbox import IMPORT_WORKER, keep_warm\n"
        "keep_warm()\n"
        "print(IMPORT_WORKER._spare.workdir, IMPORT_WORKER._spare.process.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    folder, pid = _run_python(code, tmp_path).split()
    assert Path(folder).name.startswith("lebak-worker-")
    deadline = time.monotonic() + 60
    while (Path(folder).exists() or _running(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(folder).exists() and not _running(pid)


def _running(pid: str) -> bool:
    """Return True while process `pid` runs (an ended process not yet reaped by init is a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_the_servers_spare_worker_takes_the_next_job_and_is_replaced():
    from lebak_dash.ingest.sandbox import IMPORT_WORKER, import_isolated, keep_warm

    keep_warm()
    try:
        spare = IMPORT_WORKER._spare
        assert spare is not None and spare.alive()
        result = import_isolated(SAMPLE.read_bytes(), filename="contoh.xlsx")
        assert result.ok and len(result.records) == 480
        assert not spare.alive() and not spare.workdir.exists()  # it ran the job and was cleaned up
        assert IMPORT_WORKER._spare is not None and IMPORT_WORKER._spare is not spare
    finally:
        IMPORT_WORKER.stop()
    assert IMPORT_WORKER._spare is None

"""The import worker: ``python -m lebak_dash.ingest.worker``, started by :mod:`lebak_dash.ingest.sandbox`.

In this order: enter a new network namespace while it is the only thread; load the parsers;
rehearse on the bundled sample (so that every module a parse loads lazily is loaded while the
files of the Python installation are still readable); read one job from stdin; confine itself
(:func:`lebak_dash.ingest.isolation.confine`: the worker user, limits, no stray file); run the
job; answer on stdout with a JSON line and the result as data (Arrow IPC or JSON, never a
pickle), and end at once (:func:`lebak_dash.ingest.isolation.finish`). Tasks:

``import``
    a workbook's bytes, its name, the reference tables and the limits → the
    :class:`~lebak_dash.records.model.ImportResult` as Arrow IPC (:mod:`lebak_dash.ingest.resultio`);
``opd_list``
    an uploaded or stored OPD list's bytes → its rows as JSON, or why it cannot be used;
``boundaries``
    a kecamatan boundary file's bytes (GeoJSON or zipped Shapefile) and the reference tables →
    the checked polygons as JSON (:func:`lebak_dash.ingest.boundaries.read_boundaries`), or why
    the file cannot be used;
``kecamatan_list``
    an uploaded or stored kecamatan list (CSV or workbook) → its rows as JSON, or why it cannot be used;
``probe``
    what the worker can see and do once confined (its environment, folder, user, limits, whether
    it can write into a folder or reach a port), for the tests and for ``verify``.
"""

from __future__ import annotations

from lebak_dash.ingest import isolation

#: Entered before anything below starts a thread (pyarrow starts some when it is imported); only
#: when this module runs as the worker (another worker program imports it for :func:`rehearse`).
NETWORK = isolation.enter_network_namespace() if __name__ == "__main__" else "unavailable: not the worker"

import codecs  # noqa: E402
import ctypes  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import socket  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from lebak_dash.config import PROJECT_ROOT, SAMPLE_WORKBOOK, Limits  # noqa: E402
from lebak_dash.ingest.boundaries import (  # noqa: E402
    WGS84_PRJ,
    BoundaryError,
    read_boundaries,
    shapefile_zip,
    square_collection,
)
from lebak_dash.ingest.importer import import_workbook  # noqa: E402
from lebak_dash.ingest.reflists import read_kecamatan_list  # noqa: E402
from lebak_dash.ingest.resultio import result_to_ipc  # noqa: E402
from lebak_dash.records.reference import (  # noqa: E402
    DEFAULT_REFERENCE_DIR,
    KECAMATAN_FILE,
    OPD_COLUMNS,
    OPD_FILE,
    ReferenceListError,
    load_reference,
    parse_opd_table,
)

#: Text encodings a parse may look up (CSV detection, zip member names): loaded before confinement.
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "cp437", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be",
             "utf-32", "utf-32-le", "utf-32-be", "idna")  # fmt: skip
_PR_GET_NO_NEW_PRIVS = 39
_LIMITS = ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_CORE")


def rehearsal_files() -> list[tuple[str, bytes]]:
    """Return the trusted files a worker rehearses on: the sample workbook, a Windows-1252 CSV, non-workbook bytes."""
    files = [
        ("contoh.csv", "Nama Inovasi;OPD;Tahapan 5D\nContoh é;Dinkes;Design\n".encode("cp1252")),
        ("rusak.xlsx", b"\x00not a workbook"),
    ]
    if SAMPLE_WORKBOOK.is_file():
        files.append((SAMPLE_WORKBOOK.name, SAMPLE_WORKBOOK.read_bytes()))
    return files


def rehearse() -> None:
    """Run each task once on trusted bundled files, so that every lazily loaded module is loaded now.

    After confinement the worker's user may not be able to read the Python installation (root's
    home, for instance): a module first needed then could not be loaded. So the very code of the
    tasks runs here, on :func:`rehearsal_files` and the bundled OPD list.
    """
    for name in ENCODINGS:
        codecs.lookup(name)
    limits = Limits()
    reference = load_reference()
    for filename, data in rehearsal_files():
        _task_import({"data": data, "filename": filename, "reference": reference, "limits": limits})
    for data in ((DEFAULT_REFERENCE_DIR / OPD_FILE).read_bytes(), b"nama\n"):
        _task_opd_list({"data": data, "limits": limits})
    table = reference.kecamatan.head(2)
    squares = square_collection(list(zip(table["nama"], table["lon"], table["lat"], strict=True)))
    for name, data in (
        ("batas.geojson", json.dumps(squares).encode()),
        ("batas.zip", shapefile_zip(squares, WGS84_PRJ)),
        ("rusak.geojson", b"{"),
    ):
        _task_boundaries({"data": data, "filename": name, "reference": reference, "limits": limits})
    _task_kecamatan_list({"data": (DEFAULT_REFERENCE_DIR / KECAMATAN_FILE).read_bytes(), "limits": limits})


def _task_import(job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    data, filename, reference = job["data"], job["filename"], job["reference"]
    mappings = job.get("mappings", ())
    result = import_workbook(data, filename=filename, reference=reference, limits=job["limits"], mappings=mappings)
    return {"status": "ok"}, result_to_ipc(result)


def _task_opd_list(job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    limits: Limits = job["limits"]
    try:
        table = parse_opd_table(job["data"])
    except ReferenceListError as exc:
        return {"status": "refused", "key": exc.key, "params": exc.params}, b""
    if len(table) > limits.max_rows:
        return {"status": "refused", "key": "detail.ref_too_long", "params": {"count": len(table)}}, b""
    rows = table[list(OPD_COLUMNS)].to_dict(orient="records")
    return {"status": "ok"}, json.dumps(rows, ensure_ascii=False).encode()


def _task_boundaries(job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    try:
        answer = read_boundaries(job["data"], job["filename"], job["reference"], job["limits"])
    except BoundaryError as exc:
        return {"status": "refused", "key": exc.key, "params": exc.params}, b""
    return {"status": "ok"}, json.dumps(answer, ensure_ascii=False).encode()


def _task_kecamatan_list(job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    try:
        table = read_kecamatan_list(job["data"], job.get("filename"), job["limits"])
    except ReferenceListError as exc:
        return {"status": "refused", "key": exc.key, "params": exc.params}, b""
    return {"status": "ok"}, table.to_json(orient="records", force_ascii=False).encode()


def _probe(job: dict[str, Any], confinement: isolation.Confinement) -> dict[str, Any]:
    """Report what this confined worker can see and do."""
    facts: dict[str, Any] = {
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "uid": os.getuid(),
        "euid": os.geteuid(),
        "gid": os.getgid(),
        "groups": os.getgroups(),
        "limits": {name: list(resource.getrlimit(getattr(resource, name))) for name in _LIMITS},
        "confinement": confinement.to_dict(),
    }
    facts["no_new_privs"] = str(ctypes.CDLL(None).prctl(_PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0))
    attempts: dict[str, str] = {"outside_read": _attempt(lambda: (PROJECT_ROOT / "README.md").read_bytes())}
    folder = job.get("folder")
    if folder:
        attempts["write"] = _attempt(lambda: Path(folder, "worker-was-here").write_bytes(b"x"))
        attempts["read"] = _attempt(lambda: [p.read_bytes() for p in Path(folder).iterdir() if p.is_file()])
        attempts["list"] = _attempt(lambda: os.listdir(folder))
    port = job.get("port")
    if port:
        attempts["connect"] = _attempt(lambda: socket.create_connection(("127.0.0.1", int(port)), timeout=2).close())
        attempts["udp"] = _attempt(
            lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", int(port)))
        )
    attempts["workdir_write"] = _attempt(lambda: Path("scratch").write_bytes(b"x" * 1024))
    attempts["workdir_big_write"] = _attempt(lambda: Path("big").write_bytes(b"x" * (isolation.FILE_SIZE_LIMIT + 1)))
    attempts["fork"] = _attempt(_fork_many)
    facts["attempts"] = attempts
    return facts


def _fork_many() -> None:
    """Start children until the process limit refuses one (each exits at once)."""
    children = []
    try:
        for _ in range(isolation.TASK_HEADROOM * 4):
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            children.append(pid)
    finally:
        for pid in children:
            os.waitpid(pid, 0)


def _attempt(action: Any) -> str:
    """Return ``ok`` when `action` succeeds, else the error's name and message."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001  (the point is to report it)
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def _run(job: dict[str, Any], confinement: isolation.Confinement) -> tuple[dict[str, Any], bytes]:
    task = job["task"]
    if task == "import":
        return _task_import(job)
    if task == "opd_list":
        return _task_opd_list(job)
    if task == "boundaries":
        return _task_boundaries(job)
    if task == "kecamatan_list":
        return _task_kecamatan_list(job)
    if task == "probe":
        return {"status": "ok"}, json.dumps(_probe(job, confinement), default=str).encode()
    raise ValueError(f"unknown task {task!r}")


def main() -> None:
    """Serve one job from stdin; always answer (a JSON status line, then the payload), then end."""
    rehearse()
    job = isolation.read_job()
    limits: Limits = job["limits"]
    try:
        confinement = isolation.confine(NETWORK, max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    except Exception as exc:  # noqa: BLE001  (never parse unconfined)
        isolation.finish({"status": "unconfined", "detail": f"{type(exc).__name__}: {exc}"})
    header: dict[str, Any] = {"confinement": confinement.to_dict()}
    try:
        status, payload = _run(job, confinement)
    except MemoryError:
        isolation.finish({**header, "status": "memory"})
    except Exception as exc:  # noqa: BLE001  (any parser failure becomes a message)
        status_name = "denied" if isolation.is_denied(exc) or isinstance(exc, ImportError) else "corrupt"
        isolation.finish({**header, "status": status_name, "detail": f"{type(exc).__name__}: {str(exc)[:160]}"})
    isolation.finish({**header, **status}, payload)


if __name__ == "__main__":
    main()

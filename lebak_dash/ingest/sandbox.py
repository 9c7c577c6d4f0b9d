"""Run an import in a separate worker process with a memory and a time limit.

The reader's checks stop the known tricks with precise messages, but a parser is large native
code: a file that makes it allocate without bound (calamine sizes its grid from the furthest
cell, so two cells can ask for 500 GB) must end in a message, not in a dead server. So every
import that the app or the command line runs happens in a worker, ``python -m lebak_dash.ingest.sandbox``:

* the worker is a fresh interpreter (not a fork of a multi-threaded server, and not a
  multiprocessing child that would re-run the server's ``__main__``);
* the parent sends it the job (file bytes, reference tables, limits) on stdin; the worker sends
  back the result as Arrow IPC bytes (:mod:`lebak_dash.ingest.resultio`), never a pickle, so a worker
  that parsed a hostile file can return data but not code;
* the worker caps its own address space, and the parent watches its resident memory and its time
  and kills it past ``Limits.max_memory_mb`` / ``Limits.timeout_s``: whatever happens to it, the
  caller gets an :class:`ImportResult`.

A long-running server calls :func:`keep_warm` so that a started worker (modules loaded) is always
waiting: an upload then pays no interpreter start-up.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from lebak_dash.config import PROJECT_ROOT, Limits
from lebak_dash.ingest.importer import Source, import_workbook, rejection
from lebak_dash.ingest.resultio import result_from_ipc, result_to_ipc
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import Reference, load_reference

_WATCH_INTERVAL_S = 0.02
_lock = threading.Lock()
_spare: subprocess.Popen | None = None
_warm = False


def _status_bytes(field: str, pid: int | str = "self") -> int:
    """Return a size field of ``/proc/<pid>/status`` (``VmSize``, ``VmRSS``) in bytes (0 if gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# --------------------------------------------------------------------------------- worker
def _worker_main() -> int:
    """Run one job from stdin and write a JSON status line, then the result, to stdout."""
    out = sys.stdout.buffer
    job = pickle.load(sys.stdin.buffer)  # noqa: S301  (written by the parent process, which is trusted)
    limits: Limits = job["limits"]
    # The budget bounds the whole worker: what it already holds counts, so the address space may
    # only grow by the budget minus the resident size at start.
    budget = limits.max_memory_mb * 1024 * 1024
    ceiling = _status_bytes("VmSize") + max(budget - _status_bytes("VmRSS"), 64 * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        result = import_workbook(
            job["data"],
            filename=job["filename"],
            reference=job["reference"],
            limits=limits,
            mappings=job.get("mappings", ()),
        )
        payload = result_to_ipc(result)
    except MemoryError:
        out.write(b'{"status": "memory"}\n')
        return 0
    except Exception as exc:  # noqa: BLE001  (any parser failure becomes a message)
        detail = f"{type(exc).__name__}: {str(exc)[:160]}"
        out.write(json.dumps({"status": "corrupt", "detail": detail}).encode() + b"\n")
        return 0
    out.write(b'{"status": "ok"}\n')
    out.write(payload)
    out.flush()
    return 0


def _start_worker() -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-m", "lebak_dash.ingest.sandbox"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a native out-of-memory abort prints a backtrace: noise here
        cwd=PROJECT_ROOT,
        env=env,
    )


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    """Return a worker's stdin or stdout (always a pipe: :func:`_start_worker` asks for both)."""
    if stream is None:
        raise RuntimeError("worker started without a pipe")
    return stream


def _take_worker() -> subprocess.Popen:
    """Return a started worker: the waiting spare if there is one, else a new one."""
    global _spare
    with _lock:
        worker, _spare = _spare, None
        if worker is None or worker.poll() is not None:
            worker = _start_worker()
        if _warm:
            _spare = _start_worker()
    return worker


def keep_warm(enabled: bool = True) -> None:
    """Keep one started worker waiting for the next import (for a long-running server)."""
    global _warm, _spare
    with _lock:
        _warm = enabled
        if enabled and (_spare is None or _spare.poll() is not None):
            _spare = _start_worker()


# --------------------------------------------------------------------------------- parent
def _wait(worker: subprocess.Popen, limits: Limits) -> tuple[str, bytes]:
    """Collect the worker's output while watching its time and resident memory.

    The address-space limit stops a single huge allocation at once; this watchdog makes the
    budget a bound on the worker's *resident* memory too (sampled every 20 ms).
    """
    chunks: list[bytes] = []
    stdout = _pipe(worker.stdout)
    reader = threading.Thread(target=lambda: chunks.append(stdout.read()), daemon=True)
    reader.start()
    deadline = time.monotonic() + limits.timeout_s
    budget = limits.max_memory_mb * 1024 * 1024
    while reader.is_alive():
        reader.join(_WATCH_INTERVAL_S)
        if not reader.is_alive():
            break
        if _status_bytes("VmRSS", worker.pid) > budget:
            return "memory", b""
        if time.monotonic() > deadline:
            return "timeout", b""
    output = b"".join(chunks)
    header, _, payload = output.partition(b"\n")
    try:
        status = json.loads(header)
    except ValueError:
        return "died", b""  # killed or aborted before it could answer
    if status.get("status") == "corrupt":
        return "corrupt", str(status.get("detail", "")).encode()
    return str(status.get("status")), payload


def import_isolated(
    source: Source,
    *,
    filename: str | None = None,
    reference: Reference | None = None,
    limits: Limits | None = None,
    mappings: Sequence[ColumnMapping] = (),
) -> ImportResult:
    """Import a workbook like :func:`~lebak_dash.ingest.importer.import_workbook`, in a bounded worker.

    Parameters
    ----------
    source : bytes or path-like
    filename : str, optional
    reference : Reference, optional
    limits : Limits, optional
        ``max_memory_mb`` and ``timeout_s`` bound the worker.
    mappings : sequence of ColumnMapping
        Column mappings, in priority order (see :func:`~lebak_dash.ingest.importer.import_workbook`).

    Returns
    -------
    ImportResult
        The worker's result, or a rejection (``file.memory``, ``file.timeout``, ``file.corrupt``)
        when the worker ran out of memory or time, or died.
    """
    limits = limits or Limits.from_env()
    reference = reference or load_reference()
    if isinstance(source, (str, Path)):
        try:
            data = Path(source).read_bytes()
        except OSError:
            return import_workbook(source, filename=filename, reference=reference, limits=limits, mappings=mappings)
        filename = filename or Path(source).name
    else:
        data = bytes(source)
    if len(data) > limits.max_file_bytes:  # refuse before paying for a worker
        return import_workbook(data, filename=filename, reference=reference, limits=limits, mappings=mappings)
    worker = _take_worker()
    try:
        job = pickle.dumps(
            {"data": data, "filename": filename, "reference": reference, "limits": limits, "mappings": tuple(mappings)}
        )
        try:
            stdin = _pipe(worker.stdin)
            stdin.write(job)
            stdin.close()
        except OSError:
            status, payload = "died", b""
        else:
            status, payload = _wait(worker, limits)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        _pipe(worker.stdout).close()
    if status == "ok":
        try:
            return result_from_ipc(payload)
        except (ValueError, KeyError, OSError) as exc:
            return rejection("file.corrupt", detail="detail.worker", error=type(exc).__name__)
    if status == "timeout":
        return rejection("file.timeout", count=limits.timeout_s)
    if status == "corrupt":
        return rejection("file.corrupt", detail="detail.worker", error=payload.decode(errors="replace"))
    # "memory", or the worker died (a native allocation failure aborts the process).
    return rejection("file.memory", limit=f"{limits.max_memory_mb} MB")


def default_isolation() -> bool:
    """Return whether imports run isolated (``LEBAK_ISOLATE_IMPORT``, on by default)."""
    return os.environ.get("LEBAK_ISOLATE_IMPORT", "1") not in ("0", "false", "no")


if __name__ == "__main__":
    sys.exit(_worker_main())

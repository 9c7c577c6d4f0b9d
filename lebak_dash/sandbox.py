"""Run an import in a child process with a memory and a time limit.

The reader's checks stop the known tricks with precise messages, but a parser is large native
code: a file that makes it allocate without bound (calamine sizes its grid from the furthest
cell, so two cells can ask for 500 GB) must end in a message, not in a dead server. The child
gets ``RLIMIT_AS`` = its current size + ``Limits.max_memory_mb`` and is killed after
``Limits.timeout_s``; whatever happens to it, the caller gets an :class:`ImportResult`.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import multiprocessing.connection
import os
import resource
import threading
import time
from pathlib import Path

from lebak_dash.config import Limits
from lebak_dash.importer import Source, _rejected, import_workbook
from lebak_dash.model import ImportResult
from lebak_dash.reference import Reference, load_reference

_WATCH_INTERVAL_S = 0.02
_PRELOAD = ["lebak_dash.importer", "pandas", "pyarrow", "fastexcel", "python_calamine"]
_lock = threading.Lock()
_ctx: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    """Return a process context: ``fork`` when single-threaded (the CLI), else ``forkserver``.

    Forking a multi-threaded server (Streamlit) can deadlock the child on a lock held by another
    thread; the forkserver forks from a clean single-threaded process with the modules loaded.
    """
    global _ctx
    with _lock:
        if threading.active_count() == 1:
            return mp.get_context("fork")
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            _ctx = ctx
        return _ctx


def _status_bytes(field: str) -> int:
    """Return a size field of ``/proc/self/status`` (``VmSize``, ``VmRSS``) in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _child(
    conn: mp.connection.Connection, data: bytes, filename: str | None, reference: Reference, limits: Limits
) -> None:
    # The outcome travels through the pipe; what the native parser prints when it runs out of
    # memory (an allocation failure and a Rust backtrace) is noise on the user's terminal.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    faulthandler.disable()  # it writes the abort's dump to its own copy of stderr
    # The budget bounds the child's *total* resident memory: what it already holds counts, so
    # the address space may only grow by the budget minus the resident size at start.
    budget = limits.max_memory_mb * 1024 * 1024
    ceiling = _status_bytes("VmSize") + max(budget - _status_bytes("VmRSS"), 64 * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        result = import_workbook(data, filename=filename, reference=reference, limits=limits)
    except MemoryError:
        conn.send(("memory", None))
        return
    except Exception as exc:  # noqa: BLE001  (any parser failure becomes a message)
        conn.send(("corrupt", f"{type(exc).__name__}: {str(exc)[:160]}"))
        return
    try:
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("memory", None))


def _resident_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _wait(receiver: mp.connection.Connection, process: mp.process.BaseProcess, limits: Limits) -> tuple[str, object]:
    """Wait for the child's outcome while watching its time and resident memory.

    The address-space limit stops a single huge allocation at once; this watchdog makes the
    budget a bound on the child's *resident* memory too (sampled every 20 ms).
    """
    deadline = time.monotonic() + limits.timeout_s
    budget = limits.max_memory_mb * 1024 * 1024
    while True:
        if receiver.poll(_WATCH_INTERVAL_S):
            return receiver.recv()
        if not process.is_alive():
            return receiver.recv() if receiver.poll(0) else ("died", None)
        if _resident_bytes(process.pid) > budget:
            return "memory", None
        if time.monotonic() > deadline:
            return "timeout", None


def import_isolated(
    source: Source,
    *,
    filename: str | None = None,
    reference: Reference | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Import a workbook like :func:`~lebak_dash.importer.import_workbook`, in a bounded child.

    Parameters
    ----------
    source : bytes or path-like
    filename : str, optional
    reference : Reference, optional
    limits : Limits, optional
        ``max_memory_mb`` and ``timeout_s`` bound the child.

    Returns
    -------
    ImportResult
        The child's result, or a rejection (``file.memory``, ``file.timeout``, ``file.corrupt``)
        when the child ran out of memory or time, or died.
    """
    limits = limits or Limits.from_env()
    reference = reference or load_reference()
    if isinstance(source, (str, Path)):
        try:
            data = Path(source).read_bytes()
        except OSError:
            return import_workbook(source, filename=filename, reference=reference, limits=limits)
        filename = filename or Path(source).name
    else:
        data = bytes(source)
    if len(data) > limits.max_file_bytes:  # refuse before paying for a child
        return import_workbook(data, filename=filename, reference=reference, limits=limits)
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, data, filename, reference, limits), daemon=True)
    process.start()
    sender.close()
    try:
        status, payload = _wait(receiver, process, limits)
    except (EOFError, OSError):
        status, payload = "died", None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "ok":
        return payload
    if status == "timeout":
        return _rejected("file.timeout", seconds=f"{limits.timeout_s:g}")
    if status == "corrupt":
        return _rejected("file.corrupt", detail=payload)
    # "memory", or the child died (a native allocation failure aborts the process).
    return _rejected("file.memory", limit=f"{limits.max_memory_mb} MB")


def default_isolation() -> bool:
    """Return whether imports run isolated (``LEBAK_ISOLATE_IMPORT``, on by default)."""
    return os.environ.get("LEBAK_ISOLATE_IMPORT", "1") not in ("0", "false", "no")

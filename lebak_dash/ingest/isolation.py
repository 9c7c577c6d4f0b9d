"""The confinement of a worker that parses untrusted files: what it may see, touch and use.

Standard library only: a worker program imports this module first, enters its network namespace
(:func:`enter_network_namespace`) while it is still the only thread, and only then loads pandas,
pyarrow and the parsers (whose thread pools would otherwise stay in the host's network). Once
the parsers are loaded and the job is read, :func:`confine` closes everything else:

========================  ======================================================================
what                      how
========================  ======================================================================
environment               the parent starts the worker with :func:`worker_environment` only:
                          no ``LEBAK_*`` setting, no password hash, no proxy, no home
working folder            a private temporary folder (:func:`make_workdir`, mode 0700, owned
                          by the worker's user), never the project folder
user                      as root, the worker becomes ``LEBAK_WORKER_USER`` (default
                          ``nobody``) with no supplementary groups: the store's files (0600,
                          folders 0700, owned by the server's user) are out of its reach, and
                          ``RLIMIT_NPROC`` binds
network                   a new, empty network namespace (``unshare(CLONE_NEWNET)``; not root:
                          with a user namespace where the kernel allows it): no interface, not
                          even loopback
limits                    ``RLIMIT_AS`` (the memory budget), ``RLIMIT_CPU``, ``RLIMIT_FSIZE``,
                          ``RLIMIT_NOFILE``, ``RLIMIT_NPROC``, ``RLIMIT_CORE`` 0,
                          ``PR_SET_NO_NEW_PRIVS``
open files                none but its pipes: the parent starts it with ``close_fds``; a
                          worker that opened the store before confining closes it first, and
                          :func:`confine` closes any file or folder still open
========================  ======================================================================

What the machine does not allow (not root and no user namespaces) is skipped, recorded in the
:class:`Confinement` the worker reports, and logged by the parent
(:func:`lebak_dash.ingest.supervisor.log_confinement`).
"""

from __future__ import annotations

import ctypes
import errno
import math
import os
import pickle
import pwd
import resource
import shutil
import stat
import struct
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NoReturn

#: Start of the name of a worker's working folder.
WORKDIR_PREFIX = "lebak-worker-"
#: The account a worker started by root runs as (``LEBAK_WORKER_USER``).
DEFAULT_WORKER_USER = "nobody"
#: uid and gid used when the account does not exist (the traditional ``nobody``).
FALLBACK_IDS = (65534, 65534)
#: Largest file a worker may write, in bytes. It writes none: its result goes through a pipe,
#: which the limit does not concern; a parser that spills to disk stays this small.
FILE_SIZE_LIMIT = 1024 * 1024
#: Most open file descriptors (the worker holds its three pipes and a few for the runtime).
OPEN_FILES_LIMIT = 64
#: Tasks (processes and threads) the worker's user may add beyond those it has when confined.
TASK_HEADROOM = 64
#: Seconds of CPU time beyond the wall-clock limit (which the parent enforces) before the kernel
#: stops a worker: the bound that holds even if the parent is gone.
CPU_GRACE_S = 10

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_PR_SET_NO_NEW_PRIVS = 38
# Landlock's system calls have the same numbers on every architecture (added after their unification).
_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_ADD_RULE, _SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1
_LANDLOCK_ACCESS_FS_EXECUTE = 1
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Confinement:
    """What a worker's confinement enforces, as it reports it to the parent.

    Attributes
    ----------
    network : str
        ``namespace`` (a new empty network namespace), ``user-namespace`` (the same, inside a
        user namespace, when not root) or ``unavailable: <reason>``.
    landlock : str
        ``abi <n>``: the kernel's Landlock lets the worker open nothing outside its working folder
        (and, from ABI 4, make no TCP connection); ``unavailable: <reason>`` otherwise.
    user : str
        ``<name> (<uid>)`` when root dropped to the worker user, ``unchanged: not root`` otherwise.
    uid, gid : int
    cwd : str
        The private working folder.
    cwd_mode, cwd_owner : int
        Its permission bits and owner.
    environ : list of str
        The names of the worker's environment variables.
    limits : dict
        The resource limits set, ``name: [soft, hard]``.
    closed_fds : int
        Files or folders still open at confinement and closed by it.
    fallbacks : list of str
        What could not be enforced on this machine, in words (empty when everything was).
    """

    network: str = "unavailable: not attempted"
    landlock: str = "unavailable: not attempted"
    user: str = ""
    uid: int = -1
    gid: int = -1
    cwd: str = ""
    cwd_mode: int = 0
    cwd_owner: int = -1
    environ: list[str] = field(default_factory=list)
    limits: dict[str, list[int]] = field(default_factory=dict)
    closed_fds: int = 0
    fallbacks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the confinement as a JSON-ready dict (the worker's report)."""
        return asdict(self)


# ----------------------------------------------------------------------------- parent side
def worker_ids() -> tuple[int, int] | None:
    """Return the (uid, gid) a worker drops to, or None when this process is not root (nothing to drop)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("LEBAK_WORKER_USER") or DEFAULT_WORKER_USER
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return FALLBACK_IDS
    if entry.pw_uid == 0:  # a misconfiguration must not keep root
        return FALLBACK_IDS
    return entry.pw_uid, entry.pw_gid


def make_workdir() -> Path:
    """Create a worker's private working folder (0700, owned by the worker's user when root drops to it)."""
    path = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
    os.chmod(path, 0o700)
    ids = worker_ids()
    if ids is not None:
        os.chown(path, *ids)
    return path


def worker_environment(workdir: Path) -> dict[str, str]:
    """Return the whole environment of a worker: what Python needs to start, and nothing of the server's."""
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "PYTHONPATH": str(_PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONIOENCODING": "utf-8",
        # Arrow's default allocator keeps freed pages (docs/performance.md).
        "ARROW_DEFAULT_MEMORY_POOL": "system",
    }


# ----------------------------------------------------------------------------- worker side
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def enter_network_namespace() -> str:
    """Move this process into a new network namespace with no interface; return how it went.

    Call it before anything starts a thread: a namespace is per thread, and threads started
    earlier would keep the host's network. Root gets a plain network namespace; another user
    gets one inside a new user namespace where the kernel allows unprivileged ones.

    Returns
    -------
    str
        ``namespace``, ``user-namespace`` or ``unavailable: <reason>``.
    """
    if _threads() > 1:
        return "unavailable: threads were already running"
    try:
        libc = _libc()
    except OSError as exc:
        return f"unavailable: {exc}"
    if os.geteuid() == 0:
        if libc.unshare(_CLONE_NEWNET) == 0:
            return "namespace"
        return f"unavailable: {os.strerror(ctypes.get_errno())}"
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return "user-namespace"
    return f"unavailable: {os.strerror(ctypes.get_errno())}"


def _tasks_of(uid: int) -> int:
    """Return how many tasks (threads included) the user `uid` runs now (what RLIMIT_NPROC counts)."""
    count = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                count += int(fields.get("Threads", "1"))
        except (OSError, KeyError, ValueError):
            continue
    return count


def _status_bytes(field_name: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _set_limit(report: Confinement, name: str, soft: int, hard: int | None = None) -> None:
    which = getattr(resource, name)
    hard = soft if hard is None else hard
    _old_soft, old_hard = resource.getrlimit(which)
    if old_hard != resource.RLIM_INFINITY and os.geteuid() != 0:
        hard = min(hard, old_hard)  # only root may raise a hard limit
        soft = min(soft, hard)
    try:
        resource.setrlimit(which, (soft, hard))
    except (ValueError, OSError) as exc:
        report.fallbacks.append(f"{name}: {exc}")
        return
    report.limits[name] = [soft, hard]


def _close_stray_files(keep: set[int]) -> int:
    """Close every open file, folder or socket but `keep`; return how many were closed."""
    closed = 0
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return 0
    for name in names:
        fd = int(name)
        if fd in keep:
            continue
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            continue  # the descriptor of the listing itself, already gone
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISSOCK(mode):
            os.close(fd)
            closed += 1
    return closed


def _landlock_rights(abi: int) -> tuple[int, int, int]:
    """Return the (filesystem, network, scope) rights Landlock ABI `abi` knows, all of them handled."""
    fs = (1 << 13) - 1  # ABI 1: execute ... make_sym
    fs |= (1 << 13) if abi >= 2 else 0  # refer
    fs |= (1 << 14) if abi >= 3 else 0  # truncate
    fs |= (1 << 15) if abi >= 5 else 0  # ioctl_dev
    net = 0b11 if abi >= 4 else 0  # bind_tcp, connect_tcp
    scoped = 0b11 if abi >= 6 else 0  # abstract unix sockets, signals to processes outside
    return fs, net, scoped


def restrict_filesystem(workdir: str) -> str:
    """Let this thread, and threads it starts, open files only below `workdir`; no TCP (Landlock).

    Needs ``no_new_privs`` (set before). Threads started earlier (Arrow's pool, started while the
    worker loaded its modules) are not restricted by it: the change of user binds them.

    Returns
    -------
    str
        ``abi <n>``, or ``unavailable: <reason>`` when the kernel has no Landlock.
    """
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    abi = int(libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                           ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION)))  # fmt: skip
    if abi < 1:
        return f"unavailable: {os.strerror(ctypes.get_errno())}"
    fs, net, scoped = _landlock_rights(abi)
    attr = struct.pack("=QQQ", fs, net, scoped)[: 24 if abi >= 6 else 16 if abi >= 4 else 8]
    buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = int(libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, buffer, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0)))
    if ruleset < 0:
        return f"unavailable: {os.strerror(ctypes.get_errno())}"
    folder = os.open(workdir, os.O_PATH | os.O_DIRECTORY)
    try:
        rule = struct.pack("=Qi", fs & ~_LANDLOCK_ACCESS_FS_EXECUTE, folder)
        rule_buffer = ctypes.create_string_buffer(rule, len(rule))
        added = libc.syscall(_SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_LANDLOCK_RULE_PATH_BENEATH),
                             rule_buffer, ctypes.c_uint32(0))  # fmt: skip
        if added != 0:
            return f"unavailable: {os.strerror(ctypes.get_errno())}"
        if libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return f"unavailable: {os.strerror(ctypes.get_errno())}"
    finally:
        os.close(folder)
        os.close(ruleset)
    return f"abi {abi}"


def _drop_privileges(report: Confinement, ids: tuple[int, int] | None) -> None:
    if ids is None:
        report.user = "unchanged: not root"
        report.fallbacks.append("user: the server does not run as root, the worker keeps its user")
        return
    uid, gid = ids
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)  # as root this sets the real, effective and saved ids: there is no way back
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid):
        raise RuntimeError("the worker could not drop its privileges")
    try:
        name = pwd.getpwuid(uid).pw_name
    except KeyError:
        name = str(uid)
    report.user = f"{name} ({uid})"


def confine(
    network: str, *, max_memory_mb: int, timeout_s: float, keep_fds: tuple[int, ...] = (0, 1, 2)
) -> Confinement:
    """Confine this worker before it touches untrusted bytes; return what is enforced.

    Parameters
    ----------
    network : str
        What :func:`enter_network_namespace` returned at the worker's start.
    max_memory_mb : int
        The memory budget of the whole worker: what it holds already counts, so its address
        space may only grow by the budget minus its resident size (at least 64 MiB).
    timeout_s : float
        The wall-clock limit (the parent enforces it); CPU time is capped a little above.
    keep_fds : tuple of int
        Descriptors to keep open (the pipes to the parent).

    Raises
    ------
    RuntimeError
        When root could not drop to the worker user (the worker must then not parse anything).
    """
    report = Confinement(network=network)
    if not network.startswith(("namespace", "user-namespace")):
        report.fallbacks.append(f"network: {network}")
    report.closed_fds = _close_stray_files(set(keep_fds))
    ids = worker_ids()
    budget = max_memory_mb * 1024 * 1024
    ceiling = _status_bytes("VmSize") + max(budget - _status_bytes("VmRSS"), 64 * 1024 * 1024)
    _set_limit(report, "RLIMIT_AS", ceiling)
    cpu = max(1, math.ceil(timeout_s)) + CPU_GRACE_S
    _set_limit(report, "RLIMIT_CPU", cpu, cpu + 5)
    _set_limit(report, "RLIMIT_FSIZE", FILE_SIZE_LIMIT)
    _set_limit(report, "RLIMIT_NOFILE", OPEN_FILES_LIMIT)
    _set_limit(report, "RLIMIT_CORE", 0)
    uid = ids[0] if ids is not None else os.getuid()
    _set_limit(report, "RLIMIT_NPROC", _tasks_of(uid) + _threads() + TASK_HEADROOM)
    if _libc().prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        report.fallbacks.append(f"no_new_privs: {os.strerror(ctypes.get_errno())}")
    _drop_privileges(report, ids)
    report.uid, report.gid = os.getuid(), os.getgid()
    report.cwd = os.getcwd()
    info = os.stat(report.cwd)
    report.cwd_mode, report.cwd_owner = stat.S_IMODE(info.st_mode), info.st_uid
    report.environ = sorted(os.environ)
    if Path(report.cwd).resolve() == _PROJECT_ROOT or not os.access(report.cwd, os.W_OK):
        raise RuntimeError("the worker must run in its own working folder")
    report.landlock = restrict_filesystem(report.cwd)
    if not report.landlock.startswith("abi"):
        report.fallbacks.append(f"landlock: {report.landlock}")
    return report


# ------------------------------------------------------------------------------- protocol
def read_job() -> Any:
    """Return the job the parent wrote on stdin (a pickle: the parent is trusted, the worker is not).

    A parent that ends before giving a job (a server stopping with a spare worker waiting) closes
    the pipe: the worker then removes its working folder and exits.
    """
    try:
        return pickle.load(sys.stdin.buffer)  # noqa: S301  (written by the parent process)
    except EOFError:
        folder = Path.cwd()
        if folder.name.startswith(WORKDIR_PREFIX):
            os.chdir("/")
            shutil.rmtree(folder, ignore_errors=True)
        raise SystemExit(0) from None


def answer(header: dict[str, Any], payload: bytes = b"") -> None:
    """Write the worker's answer: one JSON line, then the payload bytes (data, never a pickle)."""
    import json

    out = sys.stdout.buffer
    out.write(json.dumps(header, ensure_ascii=True, default=str).encode() + b"\n")
    out.write(payload)
    out.flush()


def finish(header: dict[str, Any], payload: bytes = b"") -> NoReturn:
    """Answer and end the worker at once.

    The parent reads until the worker's stdout closes: an interpreter's usual exit (freeing a
    100,000-row frame object by object, tearing down modules) would keep it waiting for nothing.
    The working folder is the parent's to remove.
    """
    answer(header, payload)
    os._exit(0)


def is_denied(exc: BaseException) -> bool:
    """Return True when `exc` is the confinement refusing something (a module or file out of reach)."""
    if isinstance(exc, PermissionError):
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM)

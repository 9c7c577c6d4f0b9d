"""Files of the store: atomic writes, content-addressed originals, the test hooks of a write.

Every file is written to a temporary file in the same folder, flushed with ``fsync`` and moved
into place with ``os.replace`` (atomic on POSIX), then the folder is synced: a ``kill -9`` leaves
the old file or the new one, at worst a stray temporary file that :func:`remove_stale_temp_files`
removes once it is an hour old.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from lebak_dash.ingest.importer import file_sha256
from lebak_dash.store.errors import StoreError, write_error

TMP_PREFIX = ".tmp-"
_STALE_TMP_S = 3600


def checkpoint(name: str) -> None:
    """Pause or fail at a named point of a write, when a test asks for it.

    ``LEBAK_STORE_TEST_PAUSE=name[,name]`` prints ``LEBAK_PAUSE <name>`` on stderr and waits for a
    line on stdin (a test then kills the process at a known moment);
    ``LEBAK_STORE_TEST_FAIL=name`` raises ``OSError(ENOSPC)`` there (a full disk). Both are unset
    in production, where this costs one dictionary lookup.
    """
    pause = os.environ.get("LEBAK_STORE_TEST_PAUSE")
    if pause and name in pause.split(","):
        print(f"LEBAK_PAUSE {name}", file=sys.stderr, flush=True)
        sys.stdin.readline()
    fail = os.environ.get("LEBAK_STORE_TEST_FAIL")
    if fail and name in fail.split(","):
        raise OSError(errno.ENOSPC, f"No space left on device (injected at {name})")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, content: bytes | Callable[[io.BufferedWriter], None], point: str = "file") -> None:
    """Write `content` to `path` so that `path` holds either the old bytes or all the new ones.

    Parameters
    ----------
    path : Path
        Destination; its folder must exist.
    content : bytes or callable
        The bytes, or a function that writes them to the open file.
    point : str
        Name of the write for :func:`checkpoint` (``<point>.write``, ``<point>.replace``).

    Raises
    ------
    OSError
        When writing fails; the temporary file is removed and `path` is untouched.
    """
    tmp = path.parent / f"{TMP_PREFIX}{path.name}-{secrets.token_hex(6)}"
    try:
        with open(tmp, "xb") as handle:
            checkpoint(f"{point}.write")
            if isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint(f"{point}.replace")
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def store_once(path: Path, data: bytes, point: str) -> None:
    """Write content-addressed `data` to `path` unless it is there already (same bytes, one file).

    Raises
    ------
    StoreWriteError
        When writing fails.
    """
    try:
        if not (path.exists() and path.stat().st_size == len(data)):
            write_atomic(path, data, point)
    except OSError as exc:
        raise write_error(exc, path) from exc


def read_verified(path: Path, sha256: str, number: int) -> bytes:
    """Return the bytes of a stored file, checked against the hash it is named by.

    Parameters
    ----------
    path : Path
    sha256 : str
        The hash the catalog recorded.
    number : int
        The version the file belongs to (for the message).

    Raises
    ------
    StoreError
        ``store.original_missing`` / ``store.original_damaged`` when the file is gone or altered.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreError("store.original_missing", number=number, path=str(path)) from exc
    if file_sha256(data) != sha256:
        raise StoreError("store.original_damaged", number=number, path=str(path))
    return data


def file_problems(folder: Path, names: Iterable[str], suffix: str = "") -> list[str]:
    """Return ``missing: <path>`` / ``damaged: <path>`` for the files not holding the bytes they are named by."""
    problems = []
    for name in names:
        path = folder / name
        if not path.is_file():
            problems.append(f"missing: {path}")
        elif file_sha256(path.read_bytes()) != name.removesuffix(suffix):
            problems.append(f"damaged: {path}")
    return problems


def remove_stale_temp_files(folders: Iterable[Path]) -> None:
    """Remove temporary files left by a killed writer (only old ones: a live writer may own new ones)."""
    limit = time.time() - _STALE_TMP_S
    for folder in folders:
        for path in folder.glob(f"{TMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()


_hash_cache: dict[Path, tuple[tuple[int, int], str]] = {}
_hash_lock = threading.Lock()


def cached_file_hash(path: Path) -> str:
    """Return the SHA-256 of a small file, cached on its size and modification time."""
    stat = path.stat()
    marker = (stat.st_mtime_ns, stat.st_size)
    with _hash_lock:
        cached = _hash_cache.get(path)
        if cached and cached[0] == marker:
            return cached[1]
    digest = file_sha256(path.read_bytes())
    with _hash_lock:
        _hash_cache[path] = (marker, digest)
    return digest

"""Files of the store: atomic writes, content-addressed originals, private modes, the test hooks of a write.

Every file is written to a temporary file in the same folder, flushed with ``fsync`` and moved
into place with ``os.replace`` (atomic on POSIX), then the folder is synced: a ``kill -9`` leaves
the old file or the new one, at worst a stray temporary file that :func:`remove_stale_temp_files`
removes once it is an hour old.

Everything the store writes is private to the server's user, whatever the umask: files are
created 0600 (:data:`FILE_MODE`) and folders 0700 (:data:`FOLDER_MODE`); the catalog file is
created 0600 before SQLite opens it, so its ``-wal`` and ``-shm`` files (which SQLite creates
with the catalog's mode) are 0600 too. :func:`permission_problems` lists anything wider
(``python -m lebak_dash verify``).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from lebak_dash.ingest.importer import file_sha256
from lebak_dash.store.errors import StoreError, write_error

TMP_PREFIX = ".tmp-"
_STALE_TMP_S = 3600
#: Mode of every file the store writes, and of every folder it makes.
FILE_MODE, FOLDER_MODE = 0o600, 0o700


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


def make_private_folder(path: Path) -> None:
    """Create `path` and its missing parents with mode 0700, whatever the umask (existing ones are left as they are).

    Raises
    ------
    OSError
        When a folder cannot be made (no permission, a file in the way).
    """
    for folder in (*reversed(path.parents), path):
        if folder.is_dir():
            continue
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process meanwhile
        os.chmod(folder, FOLDER_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty `path` with mode 0600 unless it exists (so that SQLite opens it, not creates it)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def write_atomic(
    path: Path, content: bytes | Callable[[io.BufferedWriter], None], point: str = "file", *, mode: int = FILE_MODE
) -> None:
    """Write `content` to `path` so that `path` holds either the old bytes or all the new ones.

    Parameters
    ----------
    path : Path
        Destination; its folder must exist.
    content : bytes or callable
        The bytes, or a function that writes them to the open file.
    point : str
        Name of the write for :func:`checkpoint` (``<point>.write``, ``<point>.replace``).
    mode : int
        The file's permission bits, whatever the umask (0600: private to the server's user).

    Raises
    ------
    OSError
        When writing fails; the temporary file is removed and `path` is untouched.
    """
    tmp = path.parent / f"{TMP_PREFIX}{path.name}-{secrets.token_hex(6)}"
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as handle:
            os.fchmod(handle.fileno(), mode)  # the umask may have removed bits that `mode` asks for
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


def permission_problems(root: Path) -> list[str]:
    """Return ``permissions: <path> <mode> -> <expected mode>`` for what under `root` other users could open.

    A file is private at 0600 or narrower, a folder at 0700 or narrower (no bit for the group or
    others); symbolic links are not followed.
    """
    problems = []
    paths = [root, *sorted(root.rglob("*"))] if root.is_dir() else []
    for path in paths:
        try:
            info = path.lstat()
        except OSError:
            continue  # removed meanwhile (a temporary file)
        if stat.S_ISLNK(info.st_mode):
            continue
        folder = stat.S_ISDIR(info.st_mode)
        if info.st_mode & 0o077:
            expected = FOLDER_MODE if folder else FILE_MODE
            problems.append(f"permissions: {path} {stat.S_IMODE(info.st_mode):04o} -> {expected:04o}")
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

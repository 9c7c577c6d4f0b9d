"""What a store operation raises: one exception family whose message is an i18n key."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from lebak_dash.i18n import render


class StoreError(Exception):
    """A store operation failed; :meth:`message` says why in Indonesian (or English).

    Attributes
    ----------
    key : str
        Message key in :mod:`lebak_dash.i18n.store` (``store.disk_full``...).
    params : dict
        Values for the message's placeholders.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return the message in `lang`."""
        return render(self.key, lang, self.params)  # a ``detail.*`` parameter is written in `lang` too


class StoreWriteError(StoreError):
    """Writing failed (disk full, no permission...); nothing was changed in the catalog."""


class StoreConflictError(StoreError):
    """The store changed between a check and its application (another upload was faster)."""


class VersionNotFoundError(StoreError):
    """No version (or reference version) has the number asked for."""


#: SQLite's primary result codes (the low byte of ``sqlite_errorcode``) and what they tell a user.
_SQLITE_KEYS = {
    13: "store.disk_full",  # SQLITE_FULL
    8: "store.no_permission",  # SQLITE_READONLY
    3: "store.no_permission",  # SQLITE_PERM
    14: "store.no_permission",  # SQLITE_CANTOPEN
    5: "store.busy",  # SQLITE_BUSY
    6: "store.busy",  # SQLITE_LOCKED
    11: "store.catalog_corrupt",  # SQLITE_CORRUPT
    26: "store.catalog_corrupt",  # SQLITE_NOTADB
}


def write_error(exc: BaseException, path: Path | str) -> StoreWriteError:
    """Return the :class:`StoreWriteError` that explains `exc` (an OS or SQLite error) to a user.

    Examples
    --------
    >>> write_error(OSError(errno.ENOSPC, "full"), "/data").key
    'store.disk_full'
    """
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        key = _SQLITE_KEYS.get(code, "store.write_failed")
        return StoreWriteError(key, path=str(path), detail=str(exc)[:200])
    number = getattr(exc, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT):
        key = "store.disk_full"
    elif number in (errno.EACCES, errno.EPERM, errno.EROFS):
        key = "store.no_permission"
    else:
        key = "store.write_failed"
    return StoreWriteError(key, path=str(path), detail=str(exc)[:200])

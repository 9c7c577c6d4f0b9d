"""Settings read from the environment, with safe defaults.

Every limit of the importer lives in :class:`Limits`; the defaults admit a legitimate
100,000-row workbook and refuse what no Bappeda workbook needs. Each limit can be changed with an
environment variable (``LEBAK_MAX_FILE_MB=80``), and the message that reports a hit names it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


#: Documented environment names that differ from ``LEBAK_<FIELD>``.
_ENV_ALIASES = {"timeout_s": "LEBAK_IMPORT_TIMEOUT_S"}


@dataclass(frozen=True)
class Limits:
    """Bounds on what one import may read.

    Attributes
    ----------
    max_file_mb : float
        Largest accepted file, in MiB (``LEBAK_MAX_FILE_MB``).
    max_expanded_mb : float
        Largest total size of a zip container's parts once decompressed (xlsx, ods).
    max_ratio : float
        Largest compression ratio of one part; real workbooks stay far below 100.
    max_parts : int
        Most parts in a zip container.
    max_sheets : int
        Most sheets in a workbook.
    max_rows : int
        Most rows in one sheet (``LEBAK_MAX_ROWS``).
    max_columns : int
        Widest sheet, in columns.
    max_cells : int
        Most cells in one sheet (``LEBAK_MAX_CELLS``).
    max_text : int
        Longest text kept in one cell; longer text is truncated with a warning.
    max_memory_mb : int
        Memory an isolated import may add before it is stopped (``LEBAK_MAX_MEMORY_MB``).
    timeout_s : float
        Seconds an isolated import may run before it is stopped (``LEBAK_IMPORT_TIMEOUT_S``).
    max_boundary_mb : float
        Largest kecamatan boundary file (GeoJSON or zipped Shapefile), in MiB (``LEBAK_MAX_BOUNDARY_MB``).
    max_boundary_features : int
        Most features in a boundary file (``LEBAK_MAX_BOUNDARY_FEATURES``).
    max_boundary_vertices : int
        Most vertices in a boundary file, all features together (``LEBAK_MAX_BOUNDARY_VERTICES``).
    """

    max_file_mb: float = 100.0
    max_expanded_mb: float = 600.0
    max_ratio: float = 200.0
    max_parts: int = 2000
    max_sheets: int = 100
    max_rows: int = 250_000
    max_columns: int = 200
    max_cells: int = 6_000_000
    max_text: int = 10_000
    max_memory_mb: int = 1024
    timeout_s: float = 60.0
    max_boundary_mb: float = 50.0
    max_boundary_features: int = 5000
    max_boundary_vertices: int = 500_000

    @property
    def max_file_bytes(self) -> int:
        """Return :attr:`max_file_mb` in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_boundary_bytes(self) -> int:
        """Return :attr:`max_boundary_mb` in bytes."""
        return int(self.max_boundary_mb * 1024 * 1024)

    @property
    def max_expanded_bytes(self) -> int:
        """Return :attr:`max_expanded_mb` in bytes."""
        return int(self.max_expanded_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Return the defaults overridden by ``LEBAK_<FIELD>`` environment variables.

        Examples
        --------
        >>> Limits.from_env({"LEBAK_MAX_ROWS": "500"}).max_rows
        500
        >>> Limits.from_env({"LEBAK_IMPORT_TIMEOUT_S": "5"}).timeout_s
        5.0
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}  # int or float, as each field says
        for f in fields(cls):
            raw = env.get(f"LEBAK_{f.name.upper()}") or env.get(_ENV_ALIASES.get(f.name, ""))
            if raw:
                caster = float if f.type in ("float", float) else int
                values[f.name] = caster(raw)
        return cls(**values)


def data_dir() -> Path:
    """Return the folder of the data store (``LEBAK_DATA_DIR`` or ``data/store``)."""
    return Path(os.environ.get("LEBAK_DATA_DIR") or PROJECT_ROOT / "data" / "store")


#: The environment variable naming a PostgreSQL store (``postgresql://user:password@host/db``).
STORE_URL_ENV = "LEBAK_STORE_URL"


def store_url() -> str | None:
    """Return the PostgreSQL store's address (``LEBAK_STORE_URL``), or None: the embedded store of :func:`data_dir`."""
    return os.environ.get(STORE_URL_ENV, "").strip() or None


def cache_root() -> Path:
    """Return the folder of this replica's records cache on a PostgreSQL store.

    ``LEBAK_CACHE_DIR``, else a folder of the user in the system's temporary folder (made 0700 by
    the store). The cache is rebuilt from the database when missing.
    """
    value = os.environ.get("LEBAK_CACHE_DIR", "").strip()
    return Path(value) if value else Path(tempfile.gettempdir()) / f"lebak-dash-cache-{os.getuid()}"


SAMPLE_WORKBOOK = PROJECT_ROOT / "data" / "sample" / "contoh_inovasi_lebak.xlsx"

#: The reverse proxies whose ``X-Forwarded-For`` is believed (see :func:`trusted_proxies`).
TRUSTED_PROXY_ENV = "LEBAK_TRUSTED_PROXY"
#: How a client on the server's own machine is named in :envvar:`LEBAK_TRUSTED_PROXY` (Streamlit
#: reports no address for ``127.0.0.1`` and ``::1``).
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def trusted_proxies(environ: dict[str, str] | None = None) -> frozenset[str]:
    """Return the addresses of the reverse proxies in front of the server (``LEBAK_TRUSTED_PROXY``).

    A comma-separated list, e.g. ``127.0.0.1`` for nginx on the same machine. Only a request
    that comes from one of them has its ``X-Forwarded-For`` read for the client's address (login
    throttling is per address); empty (the default): the header is ignored, since any client
    could write it.

    Examples
    --------
    >>> sorted(trusted_proxies({"LEBAK_TRUSTED_PROXY": " 127.0.0.1, 10.0.0.2 "}))
    ['10.0.0.2', '127.0.0.1']
    >>> trusted_proxies({})
    frozenset()
    """
    env = os.environ if environ is None else environ
    return frozenset(part.strip() for part in env.get(TRUSTED_PROXY_ENV, "").split(",") if part.strip())


#: The time zone every time is shown in, unless ``LEBAK_TIMEZONE`` names another (WIB: Lebak's).
DEFAULT_TIMEZONE = "Asia/Jakarta"


def timezone() -> ZoneInfo:
    """Return the one time zone in which the dashboard, its files and the command line show times.

    Times are stored in UTC; this is the only place that decides how they are shown:
    ``LEBAK_TIMEZONE`` (an IANA name such as ``Asia/Makassar``: the administrator's override) when
    set, else the active region's time zone (:func:`use_region_timezone`), else WIB (also when the
    name is unknown).

    Examples
    --------
    >>> timezone().key
    'Asia/Jakarta'
    """
    return _zone(os.environ.get("LEBAK_TIMEZONE") or _REGION_ZONE[0] or DEFAULT_TIMEZONE)


#: The active region's time zone (set when a store is opened or its region changes); None: WIB.
_REGION_ZONE: list[str | None] = [None]


def use_region_timezone(name: str | None) -> None:
    """Show times in the region's time zone `name` from now on (``LEBAK_TIMEZONE``, when set, still wins).

    The store calls it with its active region (:meth:`lebak_dash.store.Store.region`): one
    process serves one store, so one region.
    """
    _REGION_ZONE[0] = name or None


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)

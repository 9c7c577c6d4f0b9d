"""Server settings that follow the dashboard's own settings, applied when the server starts.

``server.py`` calls :func:`apply_upload_limit` before it serves anything: Streamlit's
``server.maxUploadSize`` (what its upload endpoint accepts, and what the file uploader says)
becomes ``LEBAK_MAX_FILE_MB``, the importer's own limit, rounded up to whole megabytes (the
option's unit). ``.streamlit/config.toml`` keeps the default (100) for ``streamlit run app.py``.
"""

from __future__ import annotations

import math

from streamlit import config

from lebak_dash.config import Limits


def upload_limit_mb(limits: Limits | None = None) -> int:
    """Return ``server.maxUploadSize`` for `limits` (default: from the environment), in whole MB.

    Examples
    --------
    >>> upload_limit_mb(Limits()), upload_limit_mb(Limits(max_file_mb=2.5)), upload_limit_mb(Limits(max_file_mb=0.01))
    (100, 3, 1)
    """
    limits = Limits.from_env() if limits is None else limits
    return max(1, math.ceil(limits.max_file_mb))


def apply_upload_limit(limits: Limits | None = None) -> int:
    """Set Streamlit's ``server.maxUploadSize`` from ``LEBAK_MAX_FILE_MB``; return the value set.

    Streamlit reads the option on every upload request and every file uploader it draws, so
    setting it once at start, before the first request, is enough.
    """
    size = upload_limit_mb(limits)
    config.set_option("server.maxUploadSize", size, where_defined="LEBAK_MAX_FILE_MB")
    return size

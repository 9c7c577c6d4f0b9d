"""Warm a fresh server up before its first visitor."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Import what the pages use and load the active data version into the caches.

    Runs in a background thread at server start; a failure only costs the warm start.
    """
    try:
        import plotly.graph_objects  # noqa: F401  (the figures)

        import lebak_dash.charts
        import lebak_dash.ui.page  # noqa: F401
        from lebak_dash.ui.data import get_dataset, get_prepared

        get_prepared(get_dataset())
    except Exception:
        log.exception("warm-up failed; the first visitor will load the data instead")

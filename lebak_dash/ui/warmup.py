"""Warm a fresh server up before its first visitor (called by ``server.py`` at start)."""

from __future__ import annotations

import logging
import time

from lebak_dash.ingest.sandbox import keep_warm

log = logging.getLogger(__name__)
#: Seconds after start before a spare import worker is started (after the first visitors).
SPARE_WORKER_DELAY_S = 20.0


def warm_up() -> None:
    """Import what the pages use, load the active data version into the caches, build the first
    page's view (Ringkasan with no filter, in Indonesian: what a shared link opens), then keep an
    import worker waiting for uploads.

    Runs in a background thread at server start; a failure only costs the warm start.
    """
    try:
        import plotly.graph_objects  # noqa: F401  (the figures)

        import lebak_dash.ui.page  # noqa: F401
        from lebak_dash.analysis.filters import Filters
        from lebak_dash.ui.data import cached_view, get_dataset, get_prepared, get_selection
        from lebak_dash.views.ringkasan import ringkasan_view

        dataset = get_dataset()
        get_prepared(dataset)
        cached_view(ringkasan_view, get_selection(dataset, Filters()), "id")
    except Exception:
        log.exception("warm-up failed; the first visitor will load the data instead")
    time.sleep(SPARE_WORKER_DELAY_S)
    keep_warm()

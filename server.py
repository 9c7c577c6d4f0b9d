"""Entry point of the server: the dashboard (``app.py``) with a warm start.

``python -m streamlit run server.py`` serves ``app.py`` exactly as ``streamlit run app.py`` does,
and, while the first browser is still loading the page, warms the process up in the background
(modules imported, the active data version loaded and prepared), so the first visitor does not
pay for it. Before anything is served, Streamlit's upload limit (``server.maxUploadSize``)
follows ``LEBAK_MAX_FILE_MB`` (:mod:`lebak_dash.ui.serving`). TLS, the interface to listen on and
a reverse proxy: README "Deployment" and docs/security.md.
"""

import threading
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from lebak_dash.ui.serving import apply_upload_limit

apply_upload_limit()


@asynccontextmanager
async def lifespan(_app):
    from lebak_dash.ui.warmup import warm_up

    threading.Thread(target=warm_up, name="lebak-warm-up", daemon=True).start()
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=lifespan)

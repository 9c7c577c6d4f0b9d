"""Entry point of the server: the dashboard (``app.py``) with a warm start.

``python -m streamlit run server.py`` serves ``app.py`` exactly as ``streamlit run app.py`` does,
and, while the first browser is still loading the page, warms the process up in the background
(modules imported, the active data version loaded and prepared), so the first visitor does not
pay for it.
"""

import threading
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st


@asynccontextmanager
async def lifespan(_app):
    from lebak_dash.ui.warmup import warm_up

    threading.Thread(target=warm_up, name="lebak-warm-up", daemon=True).start()
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=lifespan)

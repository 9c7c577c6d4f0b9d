"""Streamlit side of the briefing: the briefing of the current view (cached) and its two downloads.

The briefing is computed once per (data version, filters, language, progress settings) and kept
(``st.cache_resource``); the files themselves are built only when a button is clicked (Streamlit's
deferred downloads), stamped with the time of the click.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import streamlit as st

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.progress import Timeline
from lebak_dash.exports.briefing.content import Briefing, build_briefing
from lebak_dash.exports.briefing.html import briefing_html
from lebak_dash.exports.briefing.pptx import briefing_pptx
from lebak_dash.i18n import t
from lebak_dash.ui.access import audited_download
from lebak_dash.ui.progress import get_view
from lebak_dash.views.dataset import Dataset
from lebak_dash.views.perkembangan import ProgressSettings

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_resource(show_spinner=False, max_entries=8)
def _briefing(
    key: str,
    _dataset: Dataset,
    _timeline: Timeline | None,
    _filters: Filters,
    _settings: ProgressSettings,
    lang: str,
) -> Briefing:
    # `key` names everything the briefing depends on; the objects themselves are not hashed.
    view = get_view(_timeline, _filters, _settings, _dataset.reference) if _timeline is not None else None
    return build_briefing(_dataset, _filters, lang, progress=view)


def get_briefing(
    dataset: Dataset, filters: Filters, lang: str, timeline: Timeline | None, settings: ProgressSettings
) -> Briefing:
    """Return the briefing of the current view (computed once per data, filters, language and settings).

    Parameters
    ----------
    dataset : Dataset
    filters : Filters
    lang : {"id", "en"}
    timeline : Timeline or None
        The store's versions (None with fewer than two: no progress part).
    settings : ProgressSettings
        The Perkembangan page's settings (versions compared, stalled rule).
    """
    timeline_key = f"{timeline.numbers}:{id(timeline)}" if timeline is not None else "-"
    key = f"{dataset.key}|{timeline_key}|{filters!r}|{settings!r}"
    return _briefing(key, dataset, timeline, filters, settings, lang)


def _stamped(briefing: Briefing) -> Briefing:
    return dataclasses.replace(briefing, generated_at=dt.datetime.now(dt.UTC))


def file_stem(dataset_version: int | None, region: str = "lebak") -> str:
    """Return the download's file name without extension (``briefing_inovasi_lebak_v3``; `region` is its slug)."""
    return f"briefing_inovasi_{region}_v{dataset_version}" if dataset_version else f"briefing_inovasi_{region}_contoh"


def download_buttons(briefing: Briefing, lang: str, dataset_version: int | None = None, region: str = "lebak") -> None:
    """Offer the HTML report and the PowerPoint deck, each built when its button is clicked (`region`: its slug)."""
    stem = file_stem(dataset_version, region)
    left, right = st.columns(2)
    with left:
        st.download_button(
            t("briefing.html", lang),
            data=audited_download(
                lambda: briefing_html(_stamped(briefing)), what="briefing_html", filename=f"{stem}.html"
            ),
            file_name=f"{stem}.html",
            mime="text/html",
            key="dl_briefing_html",
            on_click="ignore",
            help=t("briefing.html_help", lang),
            type="primary",
            width="stretch",
        )
    with right:
        st.download_button(
            t("briefing.pptx", lang),
            data=audited_download(
                lambda: briefing_pptx(_stamped(briefing)), what="briefing_pptx", filename=f"{stem}.pptx"
            ),
            file_name=f"{stem}.pptx",
            mime=PPTX_MIME,
            key="dl_briefing_pptx",
            on_click="ignore",
            help=t("briefing.pptx_help", lang),
            type="primary",
            width="stretch",
        )

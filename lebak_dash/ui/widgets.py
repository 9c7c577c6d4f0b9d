"""Shared pieces of the dashboard pages: KPI cards, the completeness panel, name lists, the
innovation table, the detail view and the downloads. User text only ever reaches the screen through ``st.dataframe`` or
``st.text`` (see :mod:`lebak_dash.ui.text`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
import streamlit as st

from lebak_dash.analysis.listing import list_frame
from lebak_dash.analysis.stages import ALL_STAGE_KEYS, DERIVED
from lebak_dash.charts.style import stage_color, stage_label
from lebak_dash.exports.tables import records_to_csv, records_to_xlsx
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.schema import NO_STAGE
from lebak_dash.ui import state
from lebak_dash.ui.access import audited_download
from lebak_dash.ui.router import page_file
from lebak_dash.ui.text import escape_markdown, heading, show_text
from lebak_dash.views.daftar import innovation_details
from lebak_dash.views.labels import KpiCard, column_label
from lebak_dash.views.ringkasan import Gap

if TYPE_CHECKING:
    from streamlit.elements.arrow import DataframeState

_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


#: Key of the cards' row (Streamlit gives it the class ``st-key-<key>``).
KPI_KEY = "kpi_cards"
#: Below Streamlit's ``sm`` breakpoint (640 px), two cards per row, whatever their text's width:
#: half the row each, labels wrapping. Constant CSS, no user text.
_KPI_CSS = (
    "<style>@media (max-width: 639.98px) {"
    f" .st-key-{KPI_KEY} > div {{ flex: 1 1 calc(50% - 0.5rem) !important; min-width: 0 !important;"
    " max-width: calc(50% - 0.25rem) !important; }"
    f" .st-key-{KPI_KEY} [data-testid='stMetricLabel'] p {{ white-space: normal !important; }}"
    f" .st-key-{KPI_KEY} [data-testid='stMetricValue'] {{ font-size: 1.75rem !important; }}"
    " }</style>"
)


def kpi_cards(cards: Sequence[KpiCard]) -> None:
    """Show the headline cards of a view (:func:`lebak_dash.views.labels.kpi_cards`) as metric cards.

    The cards sit in a wrapping row (``st.container(horizontal=True)``), not in ``st.columns``:
    columns stack one per line below 640 px, so a phone's first screen showed a single number;
    wrapping keeps them side by side as far as the width allows (two per row on a phone, four on
    a desk).
    """
    with st.container(horizontal=True, gap="small", key=KPI_KEY):
        for card in cards:
            st.metric(
                card.label,
                card.value,
                delta=card.detail or None,
                delta_color="off",
                delta_arrow="off",
                help=card.help,
                border=True,
            )
    st.html(_KPI_CSS)


# The grid formats numbers in the browser with sprintf-js; its ``'c`` flag picks the thousands
# separator, so Indonesian gets "Rp 15.000.000" whatever the browser's locale.
_GROUPED_INT = {"id": "%'.,d", "en": "%,d"}
_COUNT_COLUMNS = {*ALL_STAGE_KEYS, "jumlah"}
_DATE_COLUMNS = ("tanggal_mulai", "tanggal_input", "tanggal_pengembangan")


def table_config(columns: Iterable[str], lang: str) -> dict[str, Any]:
    """Return ``column_config`` for a records frame: labels in `lang`, dates and rupiah formatted."""
    grouped = _GROUPED_INT.get(lang, _GROUPED_INT["id"])
    config: dict[str, Any] = {}
    for key in columns:
        label = column_label(str(key), lang)
        if key in _DATE_COLUMNS:
            # The grid's month names are English only: a numeric day/month/year reads in both.
            config[key] = st.column_config.DateColumn(label, format="DD/MM/YYYY")
        elif key == DERIVED:
            config[key] = st.column_config.CheckboxColumn(label)
        elif key in ("lat", "lon"):
            config[key] = st.column_config.NumberColumn(label, format="%.5f")
        elif key == "kematangan":
            config[key] = st.column_config.NumberColumn(label)
        elif key == "anggaran":
            config[key] = st.column_config.NumberColumn(label, format=f"Rp {grouped}")
        elif key in _COUNT_COLUMNS:
            config[key] = st.column_config.NumberColumn(label, format=grouped)
        elif key in ("tahun", "sumber_baris"):
            config[key] = st.column_config.NumberColumn(label, format="%d")  # 2019, not 2.019
        else:
            config[key] = st.column_config.TextColumn(label)
    return config


def name_table(frame: pd.DataFrame, lang: str, *, key: str, height: int | Literal["auto"] = "auto") -> None:
    """Show a small frame (names, kinds, counts) with translated headers and no index."""
    st.dataframe(
        frame,
        key=key,
        hide_index=True,
        column_config=table_config(frame.columns, lang),
        height=height,
        width="stretch",
    )


def static_table(frame: pd.DataFrame, lang: str) -> None:
    """Show a short list (names, kinds, counts) as a static table, every cell escaped.

    Lighter than :func:`name_table`: a landing page that uses it does not make the browser load
    the interactive grid's code before its charts (measured: the first chart ~0.5 s sooner).
    ``st.table`` renders Markdown in cells, so every cell goes through :func:`escape_markdown`.
    """
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        shown[column] = values.map(
            lambda v: "" if pd.isna(v) else escape_markdown(fmt_int(v, lang) if isinstance(v, int) else v)
        )
    shown.columns = [escape_markdown(column_label(str(c), lang)) for c in shown.columns]
    st.table(shown, hide_index=True, border="horizontal")


def records_table(
    records: pd.DataFrame,
    extra_columns: Iterable[str],
    lang: str,
    *,
    key: str,
    selectable: bool,
    table: pd.DataFrame | None = None,
) -> DataframeState | None:
    """Show records as a sortable table with every column of the workbook.

    Parameters
    ----------
    records : pandas.DataFrame
    extra_columns : iterable of str
        The workbook's extra columns (shown after the contract's).
    lang : {"id", "en"}
    key : str
        Widget key.
    selectable : bool
        Let the user pick one row (the detail view reads the selection).
    table : pandas.DataFrame, optional
        The list frame of all records, prepared once (``Prepared.table``); rows are taken from it.

    Returns
    -------
    The dataframe's selection state when `selectable`, else None.
    """
    frame = table.loc[records.index] if table is not None else list_frame(records, extra_columns)
    config, height = table_config(frame.columns, lang), min(560, 38 + 35 * max(1, len(frame)))
    if selectable:
        return st.dataframe(
            frame,
            key=key,
            hide_index=True,
            column_config=config,
            width="stretch",
            height=height,
            on_select="rerun",
            selection_mode="single-row",
        )
    st.dataframe(frame, key=key, hide_index=True, column_config=config, width="stretch", height=height)
    return None


def innovation_detail(record: pd.Series, extra_columns: Iterable[str], lang: str, *, key: str) -> None:
    """Show one innovation: its name as an (escaped) heading, its description as plain text, and
    every field in a table."""
    heading(record.get("nama", ""), level=3)
    description = record.get("deskripsi")
    if isinstance(description, str) and description.strip():
        show_text(description)
    details = innovation_details(record, extra_columns, lang)
    st.dataframe(
        details[["kolom", "isi"]],
        key=key,
        hide_index=True,
        width="stretch",
        column_config={
            "kolom": st.column_config.TextColumn(t("daftar.field", lang), width="small"),
            "isi": st.column_config.TextColumn(t("daftar.value", lang), width="large"),
        },
        height=38 + 35 * len(details),
    )


def download_buttons(records: pd.DataFrame, extra_columns: Iterable[str], lang: str, *, stem: str) -> None:
    """Offer the records as Excel and CSV, built only when clicked (formula-safe, see
    :mod:`lebak_dash.exports.tables`)."""
    extra = tuple(extra_columns)
    # The files are built when clicked, not on every rerun (an xlsx of 100k rows takes seconds).
    left, right = st.columns(2)
    with left:
        st.download_button(
            t("daftar.download_xlsx", lang),
            data=audited_download(
                lambda: records_to_xlsx(records, extra), what="records_xlsx", filename=f"{stem}.xlsx"
            ),
            file_name=f"{stem}.xlsx",
            mime=_XLSX_MIME,
            key="dl_xlsx",
            on_click="ignore",
            width="stretch",
        )
    with right:
        st.download_button(
            t("daftar.download_csv", lang),
            data=audited_download(lambda: records_to_csv(records, extra), what="records_csv", filename=f"{stem}.csv"),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="dl_csv",
            on_click="ignore",
            width="stretch",
        )


def caption_escaped(template_key: str, lang: str, **params: object) -> None:
    """Show a caption of ours whose parameters are user text (escaped)."""
    st.caption(t(template_key, lang, **{k: escape_markdown(v) for k, v in params.items()}))


def stage_legend(funnel: pd.DataFrame, lang: str) -> None:
    """Show a model's stages side by side (then ``Tahap belum diisi`` when the funnel has it): colour,
    name, what it means, and how many innovations."""
    # Only our constants (ALL_STAGE_KEYS, never the data's own text) reach this HTML.
    stages = [s for s in ALL_STAGE_KEYS if s in funnel.index]
    for number, (column, stage) in enumerate(zip(st.columns(len(stages)), stages, strict=True), start=1):
        with column:
            swatch = (
                f'<span style="display:inline-block;width:0.9em;height:0.9em;border-radius:2px;'
                f'background:{stage_color(stage)};margin-right:0.4em;vertical-align:-0.1em"></span>'
            )
            name = stage_label(stage, lang) if stage == NO_STAGE else f"{number}. {stage}"
            st.markdown(f"{swatch}**{name}**", unsafe_allow_html=True)
            st.metric(
                t("axis.jumlah", lang), fmt_int(int(funnel["jumlah"].get(stage, 0)), lang), label_visibility="collapsed"
            )
            st.caption(t("tahapan.gap_meaning", lang) if stage == NO_STAGE else t(f"stage.{stage}", lang))


def completeness_panel(gaps: Sequence[Gap], lang: str) -> None:
    """Show what the data lacks (no OPD, no stage, no kecamatan, no year): how many innovations, of
    how many, and a link to the list of exactly those (Daftar Inovasi, filtered by the URL)."""
    st.header(t("ringkasan.completeness", lang))
    st.caption(t("ringkasan.completeness_help", lang))
    for column, gap in zip(st.columns(len(gaps)), gaps, strict=True):
        with column, st.container(border=True, key=f"gap_{gap.dimension}"):
            # Our own labels and numbers only: no user text reaches this Markdown.
            st.markdown(f"**{gap.label}**  \n{gap.text}")
            if gap.count:
                st.page_link(
                    page_file("daftar"),
                    label=gap.link,
                    query_params=state.desired_query(gap.filters, lang),
                )
            else:
                st.caption(t("ringkasan.gap.none", lang))

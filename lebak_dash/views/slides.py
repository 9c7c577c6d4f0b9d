"""What each slide of the presentation shows, made from the pages' own views.

:func:`build_slide` asks :func:`~lebak_dash.views.ringkasan.ringkasan_view` and
:func:`~lebak_dash.views.kecamatan.kecamatan_view` for the slide's content on the big screen
(:func:`~lebak_dash.views.screen.big_screen`), so a slide shows the numbers and findings the
dashboard pages show for the same filters; the showcase of Display innovations is the
presentation's own. Text here is plain text: :mod:`lebak_dash.views.slide_html` escapes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.stages import StageScheme, stage_key
from lebak_dash.charts.style import stage_label
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.schema import KABUPATEN_WIDE
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.labels import KpiCard, describe_filters, models_suffix
from lebak_dash.views.presentation_state import CARDS_PER_PAGE, SHOWCASE, SLIDE_KINDS, SlideRef, showcase_page_count
from lebak_dash.views.ringkasan import ringkasan_view
from lebak_dash.views.screen import Screen, big_screen
from lebak_dash.views.selection import Selection

#: Lines the list of names without innovation may take beside a chart, and characters of a line
#: (the column and its type both scale with the screen, so this holds at every 16:9 size).
NAME_LINES = 15
NAME_LINE_CHARS = 36
#: Kecamatan names on one card before "+N".
MAX_CARD_KECAMATAN = 3
#: Stage keys of the showcase: shown to the public (5D), or implemented with no 5D stage (IID).
SHOWCASE_STAGES: tuple[str, ...] = ("Display", "Penerapan")
#: Most parts of the first slide's stage bar (each part is at least an eighth of the screen wide).
MAX_BAR_STAGES = 6


# ------------------------------------------------------------------------------------ showcase
@dataclass(frozen=True)
class Card:
    """One innovation of the showcase, as plain text (escaped when put into markup)."""

    nama: str
    opd: str
    kecamatan: str
    tahun: str


def showcase_records(records: pd.DataFrame) -> pd.DataFrame:
    """Return the innovations shown to the public, newest first (year, then start date, then name):
    those in the Display stage, and those with no 5D stage in IID's Penerapan (implemented).

    Innovations with no year come last; the order is stable, so a page shows the same cards on
    every tick.
    """
    key = pd.Series(stage_key(records), index=records.index)
    shown = records[key.isin(SHOWCASE_STAGES).to_numpy(dtype=bool)]
    if shown.empty:
        return shown
    if "tanggal_mulai" in shown.columns:
        started = pd.to_datetime(shown["tanggal_mulai"], errors="coerce")
        # Nanoseconds since 1970; no date sorts last among innovations of the same year.
        mulai = started.map(lambda v: v.value if pd.notna(v) else -(2**62)).to_numpy(dtype="int64")
    else:
        mulai = 0
    keys = pd.DataFrame(
        {
            "tahun": shown["tahun"].astype("Float64").fillna(-1).to_numpy(dtype=float),
            "mulai": mulai,
            "nama": shown["nama"].astype(str).str.casefold().to_numpy(),
        },
        index=shown.index,
    )
    order = keys.sort_values(["tahun", "mulai", "nama"], ascending=[False, False, True], kind="stable").index
    return shown.loc[order]


def kecamatan_text(names: Sequence[str], lang: str, limit: int = MAX_CARD_KECAMATAN) -> str:
    """Return where an innovation applies, for a card: ``Maja, Bayah``, ``Se-kabupaten``, ``+2``.

    Examples
    --------
    >>> kecamatan_text(("Maja", "Bayah", "Cibadak", "Cipanas", "Malingping"), "id")
    'Maja, Bayah, Cibadak +2'
    >>> kecamatan_text(("Semua Kecamatan",), "id"), kecamatan_text((), "en")
    ('Se-kabupaten', 'Not stated')
    """
    names = tuple(str(n) for n in names)
    if not names:
        return t("p.card.not_stated", lang)
    if KABUPATEN_WIDE in names:
        return t("p.card.kabupaten", lang)
    shown = ", ".join(names[:limit])
    return f"{shown} +{len(names) - limit}" if len(names) > limit else shown


def _year_text(value: Any) -> str:
    return "-" if value is None or pd.isna(value) else str(int(value))


def showcase_cards(records: pd.DataFrame, page: int, lang: str, per_page: int = CARDS_PER_PAGE) -> tuple[Card, ...]:
    """Return the cards of showcase page `page` (0-based) of `records` (the filtered records)."""
    shown = showcase_records(records).iloc[page * per_page : (page + 1) * per_page]
    return tuple(
        Card(
            nama=str(row["nama"]),
            opd="-" if pd.isna(row["opd"]) else str(row["opd"]),
            kecamatan=kecamatan_text(row["kecamatan"] or (), lang),
            tahun=_year_text(row["tahun"]),
        )
        for _, row in shown.iterrows()
    )


# ----------------------------------------------------------------------------------- scope, data
def scope_label(filters: Filters, lang: str) -> str:
    """Return what the presentation covers, named on every slide: the filters in the pages' words
    (:func:`~lebak_dash.views.labels.describe_filters`), or the whole kabupaten.

    Examples
    --------
    >>> scope_label(Filters(), "id")
    'Seluruh Kabupaten Lebak'
    >>> scope_label(Filters(opd=("Dinas Kesehatan",), tahun=(2022, 2022)), "id")
    'Tahun 2022 · OPD: Dinas Kesehatan'
    """
    return describe_filters(filters, lang) or t("p.scope.all", lang)


def data_label(*, is_sample: bool, version: int | None, uploaded_at: dt.datetime | None, lang: str) -> str:
    """Return the data line of every slide: which data, and when it was uploaded (as the pages say it).

    Examples
    --------
    >>> data_label(is_sample=False, version=3, uploaded_at=dt.datetime(2025, 11, 28, 1, 5, tzinfo=dt.UTC), lang="id")
    'Data per 28 November 2025 08.05 WIB · versi 3'
    """
    if is_sample or version is None:
        return t("p.data.sample", lang)
    return t("p.data.version", lang, date=fmt_datetime(uploaded_at, lang), version=version)


# ---------------------------------------------------------------------------------- slide content
def fit_names(names: Sequence[str], lines: int = NAME_LINES, chars: int = NAME_LINE_CHARS) -> list[str]:
    """Return the first `names` that fit in `lines` lines of `chars` characters (a name wraps onto
    at most two), leaving a line for "and N more" when some are left out.

    Examples
    --------
    >>> fit_names(["A", "B", "C"], lines=3)
    ['A', 'B', 'C']
    >>> fit_names(["A", "B", "C", "D"], lines=3)
    ['A', 'B']
    >>> [len(n) for n in fit_names(["x" * 40, "B", "C", "D"], lines=4)]  # the long name takes two lines
    [40, 1]
    """
    cost = [1 if len(str(n)) <= chars else 2 for n in names]
    if sum(cost) <= lines:
        return list(names)
    shown: list[str] = []
    used = 0
    for name, need in zip(names, cost, strict=True):
        if used + need > lines - 1:  # one line for "and N more"
            break
        shown.append(name)
        used += need
    return shown


@dataclass(frozen=True)
class Kpi:
    """One headline number: label, the number as shown, and a line under it."""

    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class StageCount:
    """One stage key (a 5D or IID stage, or ``Tahap belum diisi``) and how many innovations are in
    it now (as a number and as shown)."""

    stage: str
    label: str
    count: int
    shown: str


@dataclass(frozen=True)
class SlideContent:
    """What one slide shows (figures are plotly figures; text is plain text, escaped when drawn).

    Attributes
    ----------
    ref : SlideRef
    title : str
        The slide's heading.
    figures : tuple of plotly.graph_objects.Figure
        Charts, left to right.
    kpis : tuple of Kpi
        Headline numbers (the first slide; beside the map, the kecamatan facts).
    stages : tuple of StageCount
        Innovations per stage key (the first slide): each innovation once, under its 5D stage,
        else its IID stage, else ``Tahap belum diisi``.
    stages_title : str
        The heading of those stages.
    names_title : str
        Heading of the name list (OPDs with no innovation yet).
    names : tuple of str
        The names shown.
    names_more : int
        Names not shown for lack of room.
    cards : tuple of Card
        Showcase cards.
    note : str
        A line under the slide (e.g. which showcase page of how many).
    explain : str
        How to read the chart, beside it (the map has no colour scale of its own).
    empty : str
        Said instead of the content when there is nothing to show.
    """

    ref: SlideRef
    title: str
    figures: tuple[go.Figure, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    stages: tuple[StageCount, ...] = ()
    stages_title: str = ""
    names_title: str = ""
    names: tuple[str, ...] = ()
    names_more: int = 0
    cards: tuple[Card, ...] = ()
    note: str = ""
    explain: str = ""
    empty: str = ""


def big_kpis(cards: Sequence[KpiCard], lang: str) -> tuple[Kpi, ...]:
    """Return the KPI cards for the big screen: the number alone in large type, what it is counted
    of on the line under it (``38`` over ``dari 61 OPD (62%)``; ``38 dari 61`` does not fit)."""
    by_key = {card.key: card for card in cards}
    n, opd, kec, done = (by_key[k] for k in ("inovasi", "opd", "kecamatan", "delivery_display"))
    return (
        Kpi(n.label, n.count_text, t("p.kpi.inovasi_detail", lang)),
        Kpi(opd.label, opd.count_text, t("p.kpi.opd_detail", lang, count=opd.total, pct=opd.share_text)),
        Kpi(kec.label, kec.count_text, t("p.kpi.kec_detail", lang, count=kec.total, pct=kec.share_text)),
        Kpi(done.label, done.share_text, t("p.kpi.delivery_detail", lang, n=done.count_text, count=done.total)),
    )


def slide_stages(records: pd.DataFrame, stages: StageScheme, lang: str) -> tuple[StageCount, ...]:
    """Return the innovations in each stage key of the data (5D, IID, ``Tahap belum diisi``), each
    innovation once: the stacked charts' counting. Of more than :data:`MAX_BAR_STAGES` stages
    (both models), the empty ones are left out: one bar across the screen holds no more."""
    counts = pd.Series(stage_key(records)).value_counts()
    keys = stages.columns
    if len(keys) > MAX_BAR_STAGES:
        keys = tuple(s for s in keys if counts.get(s, 0))
    return tuple(
        StageCount(s, stage_label(s, lang), int(counts.get(s, 0)), fmt_int(int(counts.get(s, 0)), lang)) for s in keys
    )


def _named(content: SlideContent, names: Sequence[str], lines: int, kind: str, lang: str) -> SlideContent:
    """Return `content` with the list of names without innovation (``kind``: ``opd`` or ``map``)."""
    shown = fit_names(names, lines=lines)
    return replace(
        content,
        names_title=t(f"p.{kind}.none_title", lang, count=len(names)),
        names=tuple(shown),
        names_more=len(names) - len(shown),
        empty=t(f"p.{kind}.all", lang) if not names else "",
    )


def build_slide(ref: SlideRef, selection: Selection, lang: str = "id", screen: Screen | None = None) -> SlideContent:
    """Return what slide `ref` shows for `selection`.

    Parameters
    ----------
    ref : SlideRef
    selection : Selection
        The data under the presentation's scope (no filter: the whole kabupaten).
    lang : {"id", "en"}
    screen : Screen, optional
        :func:`~lebak_dash.views.screen.big_screen` of the theme's style (default: the light one).
    """
    if ref.kind not in SLIDE_KINDS:
        raise ValueError(f"unknown slide {ref.kind!r}")
    screen = screen or big_screen()
    suffix = models_suffix(selection.stages) if ref.kind in ("tahapan", "kecamatan", SHOWCASE) else ""
    title = t(f"p.slide.{ref.kind}{suffix}", lang)
    if ref.kind in ("peta", "kecamatan"):
        kecamatan = kecamatan_view(selection, lang, screen)
        if ref.kind == "kecamatan":
            return SlideContent(ref, title, figures=(kecamatan.bars_figure,))
        facts = (
            Kpi(t("kecamatan.wide", lang), fmt_int(kecamatan.wide, lang), t("p.map.wide_detail", lang)),
            Kpi(t("kecamatan.unstated", lang), fmt_int(kecamatan.unstated, lang), t("p.map.unstated_detail", lang)),
        )
        if kecamatan.map_figure is None:  # a list without centroids: the bars, and how to add a map
            return SlideContent(ref, title, figures=(kecamatan.bars_figure,), kpis=facts, explain=kecamatan.map_hint)
        # The hollow rings (or pale shapes) of the map: the kecamatan no innovation names.
        frame = kecamatan.map_frame
        missing = frame.loc[frame["jumlah"] == 0, "kecamatan"].astype(str).tolist()
        explain = t("p.map.subtitle_shapes" if kecamatan.filled_map else "p.map.subtitle", lang)
        content = SlideContent(ref, title, figures=(kecamatan.map_figure,), kpis=facts, explain=explain)
        return _named(content, missing, NAME_LINES - 6, "map", lang)  # below the facts
    if ref.kind == SHOWCASE:
        return _showcase_slide(ref, title, selection.records, lang, suffix)
    view = ringkasan_view(selection, lang, screen)
    if ref.kind == "kpi":
        return SlideContent(
            ref,
            title,
            kpis=big_kpis(view.cards, lang),
            stages=slide_stages(selection.view("tahapan"), selection.stages, lang),
            stages_title=t(f"p.kpi.stages{models_suffix(selection.stages)}", lang),
        )
    if ref.kind == "tahapan":
        return SlideContent(ref, title, figures=tuple(chart.figure for chart in view.stages))
    if ref.kind == "tren":
        return SlideContent(ref, title, figures=(view.years.figure,))
    missing = view.no_opd["opd"].astype(str).tolist()
    return _named(SlideContent(ref, title, figures=(view.leading_figure,)), missing, NAME_LINES, "opd", lang)


def _showcase_slide(ref: SlideRef, title: str, records: pd.DataFrame, lang: str, suffix: str) -> SlideContent:
    items = len(showcase_records(records))
    pages = showcase_page_count(items)
    if not pages:
        return SlideContent(ref, title, empty=t(f"p.showcase.empty{suffix}", lang))
    page = min(ref.page, pages - 1)
    note = t(f"p.showcase.note{suffix}", lang, page=page + 1, pages=pages, count=items)
    return SlideContent(ref, title, cards=showcase_cards(records, page, lang), note=note)

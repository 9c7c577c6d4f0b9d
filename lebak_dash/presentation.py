"""The meeting-room presentation, as pure logic: which slides, in which order, what each shows.

Nothing here imports Streamlit; :mod:`lebak_dash.ui.presentation` draws what this module decides.

**The deck.** Six fixed slides (headline numbers, the 5D funnel, the OPD ranking with the OPDs
that have no innovation yet, the kecamatan map, the kecamatan bars, the trend by year) and a
showcase of innovations in the Display stage, :data:`CARDS_PER_PAGE` cards a slide. The Display
innovations are usually too many for one round (99 in the sample: 17 pages), so each *round* of
the deck shows the next
:data:`SHOWCASE_PAGES_PER_ROUND` pages of the showcase; after the last page the first round
comes again. A :class:`Position` is (round, index in that round's deck).

**The clock.** The slide on screen is a function of time: an :class:`Anchor` says which slide was
shown when; :func:`current_position` adds one slide per elapsed interval (none while paused). The
page's timer only asks "which slide now?" at each tick, so a late, missed or doubled tick never
shows a slide twice or skips one, and a manual previous/next just sets a new anchor.

**User text.** Innovation and OPD names come from uploaded workbooks. Every HTML builder here
escapes every piece of text it inserts (:func:`html.escape`); only our own constants and numbers
are markup.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lebak_dash import analysis, charts
from lebak_dash.analysis import Filters
from lebak_dash.charts import DARK, LIGHT, STAGE_COLORS, ChartStyle
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int, fmt_percent
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES

#: The fixed slides, in order; the showcase pages follow them.
FIXED_SLIDES: tuple[str, ...] = ("kpi", "tahapan", "opd", "peta", "kecamatan", "tren")
SHOWCASE = "etalase"
SLIDE_KINDS: tuple[str, ...] = (*FIXED_SLIDES, SHOWCASE)
#: Innovation cards on one showcase slide (3 x 2 reads from the back of a room).
CARDS_PER_PAGE = 6
#: Showcase slides in one round of the deck.
SHOWCASE_PAGES_PER_ROUND = 2
#: OPDs in the ranking chart (more rows of large type do not fit a 720-pixel screen).
LEADING_OPDS = 8
#: Lines the list of names without innovation may take beside a chart, and characters of a line
#: (the column and its type both scale with the screen, so this holds at every 16:9 size).
NAME_LINES = 15
NAME_LINE_CHARS = 36
#: Characters of a chart title's line when the chart is as wide as the screen (half-width ones: 44).
WIDE_TITLE_WRAP = 70
#: Kecamatan names on one card before "+N".
MAX_CARD_KECAMATAN = 3

#: Seconds without a tick beyond the interval after which a page run resumes from the slide last
#: seen rather than from the clock (the user was away on another page, the connection dropped).
AWAY_S = 5.0
#: Seconds between slides: default and bounds of the setting (and of the URL value).
DEFAULT_INTERVAL = 15
MIN_INTERVAL = 2
MAX_INTERVAL = 600
THEMES: tuple[str, ...] = ("terang", "gelap")
DEFAULT_THEME = "terang"
#: URL parameters of the presentation (the filters use :data:`lebak_dash.analysis.QUERY_KEYS`).
QUERY_SLIDE = "slide"
QUERY_ROUND = "putaran"
QUERY_INTERVAL = "interval"
QUERY_THEME = "tema"
QUERY_PAUSED = "jeda"
PRESENTATION_PARAMS: tuple[str, ...] = (QUERY_SLIDE, QUERY_ROUND, QUERY_INTERVAL, QUERY_THEME, QUERY_PAUSED)
_TRUE_WORDS = frozenset({"1", "true", "ya", "yes", "on", "y"})

#: Chart styles of the big screen: high contrast (a washed-out projector greys everything),
#: chart text of 20 px (at least 18 at 1920x1080), height from the screen, no click hints.
_BIG = {
    "fill": True,
    "click_hints": False,
    "label_wrap": 34,
    "title_wrap": 44,
}
PRESENT_LIGHT: ChartStyle = replace(
    LIGHT.scaled(20 / 13),
    text_color="#000000",
    muted_color="#26313D",
    grid_color="#AEB8C4",
    scale_colors=("#8CC4E8", "#08306B"),
    zero_color="#56616E",
    **_BIG,
)
PRESENT_DARK: ChartStyle = replace(
    DARK.scaled(20 / 13),
    text_color="#FFFFFF",
    muted_color="#DCE3EA",
    grid_color="#56606C",
    paper_color="#000000",
    plot_color="#000000",
    scale_colors=("#2F6EA8", "#C6EBFF"),
    zero_color="#9AA5B1",
    **_BIG,
)
STYLES: dict[str, ChartStyle] = {"terang": PRESENT_LIGHT, "gelap": PRESENT_DARK}


# ------------------------------------------------------------------------------------ settings
@dataclass(frozen=True)
class Settings:
    """How the presentation runs.

    Attributes
    ----------
    interval : int
        Seconds between slides (:data:`MIN_INTERVAL` to :data:`MAX_INTERVAL`).
    theme : {"terang", "gelap"}
        Light or dark screen.
    paused : bool
        Whether the slides stay put.
    """

    interval: int = DEFAULT_INTERVAL
    theme: str = DEFAULT_THEME
    paused: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "interval", clamp_interval(self.interval))
        if self.theme not in THEMES:
            object.__setattr__(self, "theme", DEFAULT_THEME)
        object.__setattr__(self, "paused", bool(self.paused))

    @property
    def style(self) -> ChartStyle:
        """Return the chart style of the theme."""
        return STYLES[self.theme]


@dataclass(frozen=True, order=True)
class Position:
    """Where the presentation is: the round of the deck and the slide's index in that round (0-based)."""

    round: int = 0
    index: int = 0


@dataclass(frozen=True)
class SlideRef:
    """One slide of a deck: its kind and, for the showcase, which page of cards (0-based)."""

    kind: str
    page: int = 0


@dataclass(frozen=True)
class Anchor:
    """The slide shown at a moment: :func:`current_position` counts intervals from here.

    Attributes
    ----------
    position : Position
    at : float
        Seconds (``time.time()``) when `position` was put on screen.
    """

    position: Position
    at: float


def clamp_interval(value: object) -> int:
    """Return `value` as whole seconds between :data:`MIN_INTERVAL` and :data:`MAX_INTERVAL`.

    Examples
    --------
    >>> clamp_interval(1), clamp_interval("30"), clamp_interval("x"), clamp_interval(10_000)
    (2, 30, 15, 600)
    """
    try:
        seconds = float(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL
    if not math.isfinite(seconds):
        return DEFAULT_INTERVAL
    return int(min(MAX_INTERVAL, max(MIN_INTERVAL, round(seconds))))


def _query_value(query: Mapping[str, object], key: str) -> str:
    value = query.get(key)
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return value.strip()[:40] if isinstance(value, str) else ""


def _positive_int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 6 else None


def settings_from_query(query: Mapping[str, object]) -> tuple[Settings, Position]:
    """Return the settings and slide that URL parameters describe (junk falls back to defaults).

    ``slide`` and ``putaran`` count from 1; ``interval`` is seconds; ``tema`` is ``terang`` or
    ``gelap``; ``jeda=1`` starts paused.

    Examples
    --------
    >>> settings_from_query({"slide": "3", "interval": "5", "tema": "gelap", "jeda": "1"})
    (Settings(interval=5, theme='gelap', paused=True), Position(round=0, index=2))
    >>> settings_from_query({"slide": "-1", "interval": "abc", "tema": "<b>"})
    (Settings(interval=15, theme='terang', paused=False), Position(round=0, index=0))
    """
    interval_text = _query_value(query, QUERY_INTERVAL)
    settings = Settings(
        interval=clamp_interval(interval_text) if interval_text else DEFAULT_INTERVAL,
        theme=_query_value(query, QUERY_THEME).casefold(),
        paused=_query_value(query, QUERY_PAUSED).casefold() in _TRUE_WORDS,
    )
    slide = _positive_int(_query_value(query, QUERY_SLIDE)) or 1
    rnd = _positive_int(_query_value(query, QUERY_ROUND)) or 1
    return settings, Position(round=rnd - 1, index=slide - 1)


def presentation_query(settings: Settings, position: Position) -> dict[str, str]:
    """Return the URL parameters of the presentation (the slide always; others when not default).

    Examples
    --------
    >>> presentation_query(Settings(interval=5, paused=True), Position(1, 0))
    {'slide': '1', 'putaran': '2', 'interval': '5', 'jeda': '1'}
    """
    query = {QUERY_SLIDE: str(position.index + 1)}
    if position.round:
        query[QUERY_ROUND] = str(position.round + 1)
    if settings.interval != DEFAULT_INTERVAL:
        query[QUERY_INTERVAL] = str(settings.interval)
    if settings.theme != DEFAULT_THEME:
        query[QUERY_THEME] = settings.theme
    if settings.paused:
        query[QUERY_PAUSED] = "1"
    return query


# ---------------------------------------------------------------------------------------- deck
def showcase_page_count(items: int, per_page: int = CARDS_PER_PAGE) -> int:
    """Return how many showcase slides `items` Display innovations fill (0 when none)."""
    return math.ceil(max(0, items) / per_page)


def round_count(pages: int, per_round: int = SHOWCASE_PAGES_PER_ROUND) -> int:
    """Return how many rounds the deck takes to show every showcase page once (at least one)."""
    return max(1, math.ceil(max(0, pages) / per_round))


def deck(pages: int, round_: int = 0, per_round: int = SHOWCASE_PAGES_PER_ROUND) -> tuple[SlideRef, ...]:
    """Return the slides of one round: the fixed ones, then this round's showcase pages.

    Parameters
    ----------
    pages : int
        Showcase pages of the data (:func:`showcase_page_count`); with none, one showcase slide
        says so.
    round_ : int
        Round of the deck (taken modulo :func:`round_count`).
    per_round : int
        Showcase pages per round.

    Examples
    --------
    >>> [f"{s.kind}{s.page}" for s in deck(5, 2)]
    ['kpi0', 'tahapan0', 'opd0', 'peta0', 'kecamatan0', 'tren0', 'etalase4']
    """
    current = round_ % round_count(pages, per_round)
    first = current * per_round
    showcase = [SlideRef(SHOWCASE, p) for p in range(first, min(first + per_round, pages))]
    return (*(SlideRef(kind) for kind in FIXED_SLIDES), *(showcase or [SlideRef(SHOWCASE, 0)]))


def sequence(pages: int, per_round: int = SHOWCASE_PAGES_PER_ROUND) -> tuple[Position, ...]:
    """Return every position of every round, in the order the presentation shows them."""
    return tuple(
        Position(r, i) for r in range(round_count(pages, per_round)) for i in range(len(deck(pages, r, per_round)))
    )


def normalize(position: Position, pages: int, per_round: int = SHOWCASE_PAGES_PER_ROUND) -> Position:
    """Return `position` made valid for the data (the round wraps, the index is clamped).

    The data may change under a running presentation (a new version, another filter), leaving
    fewer showcase pages than the position assumed.
    """
    rounds = round_count(pages, per_round)
    rnd = position.round % rounds
    size = len(deck(pages, rnd, per_round))
    return Position(rnd, min(max(0, position.index), size - 1))


def step(position: Position, delta: int, pages: int, per_round: int = SHOWCASE_PAGES_PER_ROUND) -> Position:
    """Return the position `delta` slides after `position` (before it when negative), wrapping around.

    Examples
    --------
    >>> step(Position(0, 6), 1, pages=1)
    Position(round=0, index=0)
    >>> step(Position(0, 0), -1, pages=3)
    Position(round=1, index=6)
    """
    order = sequence(pages, per_round)
    here = order.index(normalize(position, pages, per_round))
    return order[(here + delta) % len(order)]


def elapsed_slides(elapsed: float, interval: float) -> int:
    """Return how many slides should have passed `elapsed` seconds after an anchor.

    A tick may reach the server a little before a whole interval has passed by the server's
    clock (the browser's timer and the network jitter): a fifth of the interval (at most a
    second) of slack keeps such a tick from being ignored, so the slide changes at every tick.

    Examples
    --------
    >>> elapsed_slides(14.7, 15), elapsed_slides(10.0, 15), elapsed_slides(31.0, 15), elapsed_slides(-3, 15)
    (1, 0, 2, 0)
    """
    if interval <= 0 or elapsed <= 0:
        return 0
    slack = min(1.0, interval * 0.2)
    return max(0, math.floor((elapsed + slack) / interval))


def current_position(anchor: Anchor, now: float, settings: Settings, pages: int) -> Position:
    """Return the slide to show at `now`: the anchor's slide plus one per elapsed interval.

    Parameters
    ----------
    anchor : Anchor
        The last slide set by hand (or the first one of the session).
    now : float
        Current time, in the same clock as ``anchor.at``.
    settings : Settings
        While paused the anchor's slide stays.
    pages : int
        Showcase pages of the data now shown.
    """
    if settings.paused:
        return normalize(anchor.position, pages)
    return step(anchor.position, elapsed_slides(now - anchor.at, settings.interval), pages)


def anchor_for_run(
    anchor: Anchor, shown: Position | None, shown_at: float | None, now: float, settings: Settings, pages: int
) -> Anchor:
    """Return the anchor of a full page run, which restarts the browser's timer.

    Parameters
    ----------
    anchor : Anchor
        The anchor so far (a control's callback may have just set it).
    shown, shown_at : Position and float, or None
        The slide last drawn and when; None before the first slide of the session.
    now : float
    settings : Settings
    pages : int
        Showcase pages when the slide was last drawn.

    Returns
    -------
    Anchor
        Before the first slide: the anchor's slide (from the URL) from now on. After a long gap
        without a tick (the user was on another page, the connection dropped): the slide last
        seen, not one the clock ran on to meanwhile. Otherwise the slide due now.

    Examples
    --------
    >>> a = Anchor(Position(0, 1), at=100.0)
    >>> anchor_for_run(a, Position(0, 2), 115.0, 130.0, Settings(interval=15), 2).position
    Position(round=0, index=3)
    >>> anchor_for_run(a, Position(0, 2), 115.0, 900.0, Settings(interval=15), 2).position
    Position(round=0, index=2)
    """
    if shown is None or shown_at is None:
        return Anchor(anchor.position, now)
    if now - shown_at > settings.interval + AWAY_S:
        return Anchor(shown, now)
    return Anchor(current_position(anchor, now, settings, pages), now)


def slide_number(position: Position, pages: int) -> tuple[int, int]:
    """Return (number of the slide in its round, slides in the round), both counted from 1."""
    position = normalize(position, pages)
    return position.index + 1, len(deck(pages, position.round))


def slide_at(position: Position, pages: int) -> SlideRef:
    """Return the slide at `position`."""
    position = normalize(position, pages)
    return deck(pages, position.round)[position.index]


# ------------------------------------------------------------------------------------ showcase
@dataclass(frozen=True)
class Card:
    """One innovation of the showcase, as plain text (escaped when put into markup)."""

    nama: str
    opd: str
    kecamatan: str
    tahun: str


def showcase_records(records: pd.DataFrame) -> pd.DataFrame:
    """Return the innovations in the Display stage, newest first (year, then start date, then name).

    Innovations with no year come last; the order is stable, so a page shows the same cards on
    every tick.
    """
    shown = records[(records["tahapan"] == "Display").to_numpy(dtype=bool)]
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


def _year_text(value: object) -> str:
    return "-" if value is None or pd.isna(value) else str(int(value))  # type: ignore[arg-type]


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
    """Return what the presentation covers, named on every slide.

    Examples
    --------
    >>> scope_label(Filters(), "id")
    'Seluruh Kabupaten Lebak'
    >>> scope_label(Filters(opd=("Dinas Kesehatan",), tahun=(2022, 2022)), "id")
    'Tahun 2022 · OPD: Dinas Kesehatan'
    """
    if filters.is_empty:
        return t("p.scope.all", lang)
    items: list[str] = []
    if filters.tahun is not None:
        lo, hi = filters.tahun
        items.append(t("p.scope.year", lang, years=str(lo) if lo == hi else f"{lo}-{hi}"))
    for field in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
        values = list(getattr(filters, field))
        if not values:
            continue
        if field == "kecamatan":
            values = [_kecamatan_name(v, lang) for v in values]
            if not filters.kabupaten_wide and set(filters.kecamatan) - {KABUPATEN_WIDE, NOT_STATED}:
                values[-1] += " " + t("p.scope.own_only", lang)
        items.append(f"{t(f'filter.{field}', lang)}: {', '.join(values)}")
    return " · ".join(items)


def _kecamatan_name(name: str, lang: str) -> str:
    if name == KABUPATEN_WIDE:
        return t("label.semua_kecamatan", lang)
    if name == NOT_STATED:
        return t("label.tidak_disebut", lang)
    return name


def data_label(
    *, is_sample: bool, version: int | None, uploaded_at: dt.datetime | None, filename: str, lang: str
) -> str:
    """Return the data line of every slide: which data, and its date.

    Examples
    --------
    >>> data_label(is_sample=False, version=3, uploaded_at=dt.datetime(2025, 11, 28, 7, 5, tzinfo=dt.UTC),
    ...            filename="x.xlsx", lang="id")
    'Data per 28 November 2025 · versi 3'
    """
    if is_sample or version is None:
        return t("p.data.sample", lang)
    return t("p.data.version", lang, date=fmt_date(uploaded_at, lang), version=version)


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
    """One 5D stage and how many innovations are in it now (as a number and as shown)."""

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
        Innovations per 5D stage (the first slide).
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
    names_title: str = ""
    names: tuple[str, ...] = ()
    names_more: int = 0
    cards: tuple[Card, ...] = ()
    note: str = ""
    explain: str = ""
    empty: str = ""


def _kpis(records: pd.DataFrame, reference: Reference, long: pd.DataFrame | None, lang: str) -> tuple[Kpi, ...]:
    table = analysis.kpis(records, reference, long)

    def row(key: str) -> tuple[str, int, str]:
        nilai, dari, persen = table.loc[key, ["nilai", "dari", "persen"]]
        return fmt_int(int(nilai), lang), int(dari), fmt_percent(persen, lang)

    n, _, _ = row("inovasi")
    opd, opd_total, opd_pct = row("opd")
    kec, kec_total, kec_pct = row("kecamatan")
    done, total, done_pct = row("delivery_display")
    return (
        Kpi(t("kpi.inovasi", lang), n, t("p.kpi.inovasi_detail", lang)),
        Kpi(t("kpi.opd", lang), opd, t("p.kpi.opd_detail", lang, count=opd_total, pct=opd_pct)),
        Kpi(t("kpi.kecamatan", lang), kec, t("p.kpi.kec_detail", lang, count=kec_total, pct=kec_pct)),
        Kpi(t("kpi.delivery", lang), done_pct, t("p.kpi.delivery_detail", lang, n=done, count=total)),
    )


def _stages(records: pd.DataFrame, lang: str) -> tuple[StageCount, ...]:
    counts = analysis.count_per_stage(records)
    return tuple(
        StageCount(stage, t(f"stagename.{stage}", lang), int(counts[stage]), fmt_int(int(counts[stage]), lang))
        for stage in STAGES
    )


def build_slide(
    ref: SlideRef,
    dataset: Any,
    filters: Filters,
    lang: str = "id",
    style: ChartStyle = PRESENT_LIGHT,
    records: pd.DataFrame | None = None,
) -> SlideContent:
    """Return what slide `ref` shows for the `filters` of `dataset`.

    Parameters
    ----------
    ref : SlideRef
    dataset : Dataset
        The data (records, exploded kecamatan table, reference tables).
    filters : Filters
        The scope of the presentation (empty: the whole kabupaten).
    lang : {"id", "en"}
    style : ChartStyle
        :data:`PRESENT_LIGHT` or :data:`PRESENT_DARK`.
    records : pandas.DataFrame, optional
        ``apply_filters(dataset, filters)`` when already computed.
    """
    if ref.kind not in SLIDE_KINDS:
        raise ValueError(f"unknown slide {ref.kind!r}")
    reference: Reference = dataset.reference
    long = dataset.kecamatan_long
    rows = records if records is not None else analysis.apply_filters(dataset, filters)
    title = t(f"p.slide.{ref.kind}", lang)
    wide_style = replace(style, title_wrap=WIDE_TITLE_WRAP)  # charts as wide as the screen
    if ref.kind == "kpi":
        return SlideContent(ref, title, kpis=_kpis(rows, reference, long, lang), stages=_stages(rows, lang))
    if ref.kind == "tahapan":
        funnel = analysis.stage_funnel(rows)
        figure = charts.stage_funnel_figure(funnel, lang=lang, style=wide_style, subtitle=t("p.funnel.subtitle", lang))
        return SlideContent(ref, title, figures=(figure,))
    if ref.kind == "opd":
        leading = analysis.leading_opds(rows, reference, n=LEADING_OPDS)
        figure = charts.leading_opd_figure(leading, lang=lang, style=style)
        missing = analysis.opds_without_innovation(rows, reference)["opd"].astype(str).tolist()
        shown = fit_names(missing)
        return SlideContent(
            ref,
            title,
            figures=(figure,),
            names_title=t("p.opd.none_title", lang, count=len(missing)),
            names=tuple(shown),
            names_more=len(missing) - len(shown),
            empty=t("p.opd.all", lang) if not missing else "",
        )
    if ref.kind in ("peta", "kecamatan"):
        matrix = analysis.kecamatan_stage_matrix(rows, reference, long)
        if ref.kind == "kecamatan":
            bars = charts.kecamatan_stage_figure(matrix, lang=lang, style=wide_style, vertical=True)
            return SlideContent(ref, title, figures=(bars,))
        wide = int(matrix.loc[KABUPATEN_WIDE, "jumlah"]) if KABUPATEN_WIDE in matrix.index else 0
        unstated = int(matrix.loc[NOT_STATED, "jumlah"]) if NOT_STATED in matrix.index else 0
        frame = analysis.kecamatan_map_frame(rows, reference, long)
        figure = charts.kecamatan_map_figure(
            frame, lang=lang, style=style, kabupaten_wide=wide, subtitle="", show_scale=False, label_space_px=360
        )
        facts = (
            Kpi(t("kecamatan.wide", lang), fmt_int(wide, lang), t("p.map.wide_detail", lang)),
            Kpi(t("kecamatan.unstated", lang), fmt_int(unstated, lang), t("p.map.unstated_detail", lang)),
        )
        missing = analysis.kecamatan_without_innovation(rows, reference, long)["kecamatan"].astype(str).tolist()
        shown = fit_names(missing, lines=NAME_LINES - 6)  # below the map's facts
        return SlideContent(
            ref,
            title,
            figures=(figure,),
            kpis=facts,
            names_title=t("p.map.none_title", lang, count=len(missing)),
            names=tuple(shown),
            names_more=len(missing) - len(shown),
            empty=t("p.map.all", lang) if not missing else "",
            explain=t("p.map.subtitle", lang),
        )
    if ref.kind == "tren":
        years = analysis.per_year_stage(rows)
        figure = charts.year_stage_figure(
            years, lang=lang, style=wide_style, without_year=analysis.count_without_year(rows)
        )
        return SlideContent(ref, title, figures=(figure,))
    # The showcase.
    items = len(showcase_records(rows))
    pages = showcase_page_count(items)
    if not pages:
        return SlideContent(ref, title, empty=t("p.showcase.empty", lang))
    page = min(ref.page, pages - 1)
    note = t("p.showcase.note", lang, page=page + 1, pages=pages, count=items)
    return SlideContent(ref, title, cards=showcase_cards(rows, page, lang), note=note)


# ------------------------------------------------------------------------------------- markup
def esc(text: object) -> str:
    """Return `text` escaped for HTML text and attribute values (quotes included).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def header_html(title: str, scope: str, data: str, theme: str) -> str:
    """Return the slide's header: heading, the scope (the filter) and the data line.

    The theme travels as a class our constant CSS keys on (``p-theme-gelap``), so a theme change
    needs no new CSS.
    """
    theme = theme if theme in THEMES else DEFAULT_THEME
    return (
        f'<header class="p-head p-theme-{theme}">'
        f'<h1 class="p-title">{esc(title)}</h1>'
        f'<div class="p-meta"><span class="p-scope">{esc(scope)}</span>'
        f'<span class="p-data">{esc(data)}</span></div>'
        "</header>"
    )


def text_color_on(background: str) -> str:
    """Return black or white, whichever contrasts more with `background` (``#RRGGBB``; WCAG luminance).

    Examples
    --------
    >>> text_color_on("#E69F00"), text_color_on("#0072B2")
    ('#000000', '#FFFFFF')
    """
    channels = [int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def kpi_html(kpis: Sequence[Kpi], stages: Sequence[StageCount], stages_title: str) -> str:
    """Return the headline numbers, then the five stages as one bar (each part as wide as its count)."""
    cells = "".join(
        f'<div class="p-kpi"><div class="p-kpi-label">{esc(k.label)}</div>'
        f'<div class="p-kpi-value">{esc(k.value)}</div>'
        f'<div class="p-kpi-detail">{esc(k.detail)}</div></div>'
        for k in kpis
    )
    parts = "".join(
        f'<div class="p-stage" style="flex-grow:{max(0, int(s.count))};'
        f'background:{STAGE_COLORS[s.stage]};color:{text_color_on(STAGE_COLORS[s.stage])}">'
        f'<span class="p-stage-name">{esc(s.label)}</span><span class="p-stage-count">{esc(s.shown)}</span></div>'
        for s in stages
        if s.stage in STAGE_COLORS
    )
    return (
        f'<div class="p-kpis">{cells}</div>'
        f'<div class="p-stages"><div class="p-stages-title">{esc(stages_title)}</div>'
        f'<div class="p-stagebar">{parts}</div></div>'
    )


def facts_html(facts: Sequence[Kpi], explain: str = "") -> str:
    """Return how to read the chart, then a column of numbers with their labels (beside the map)."""
    rows = "".join(
        f'<div class="p-fact"><span class="p-fact-value">{esc(f.value)}</span>'
        f'<span class="p-fact-label"><b>{esc(f.label)}</b> {esc(f.detail)}</span></div>'
        for f in facts
    )
    note = f'<div class="p-explain">{esc(explain)}</div>' if explain else ""
    return f'<div class="p-facts">{note}{rows}</div>'


def names_html(title: str, names: Sequence[str], more: str, empty: str) -> str:
    """Return a titled list of names (OPDs with no innovation), or `empty` when there are none."""
    if not names:
        return f'<div class="p-names"><div class="p-names-title">{esc(empty)}</div></div>'
    items = "".join(f"<li>{esc(n)}</li>" for n in names)
    tail = f'<div class="p-names-more">{esc(more)}</div>' if more else ""
    return f'<div class="p-names"><div class="p-names-title">{esc(title)}</div><ul>{items}</ul>{tail}</div>'


def cards_html(cards: Sequence[Card], labels: Mapping[str, str]) -> str:
    """Return showcase cards: name, OPD, kecamatan and year of each innovation, all escaped.

    Parameters
    ----------
    cards : sequence of Card
    labels : mapping
        Our labels of the fields: ``opd``, ``kecamatan``, ``tahun``.
    """
    out = []
    for card in cards:
        out.append(
            '<article class="p-card">'
            f'<div class="p-card-name">{esc(card.nama)}</div>'
            f'<div class="p-card-opd">{esc(card.opd)}</div>'
            '<div class="p-card-facts">'
            f"<span><b>{esc(labels['kecamatan'])}</b> {esc(card.kecamatan)}</span>"
            f"<span><b>{esc(labels['tahun'])}</b> {esc(card.tahun)}</span>"
            "</div></article>"
        )
    return f'<div class="p-cards">{"".join(out)}</div>'


def message_html(text: str) -> str:
    """Return a large centred message (nothing to show on this slide)."""
    return f'<div class="p-message">{esc(text)}</div>'


def footer_html(number: int, total: int, note: str, label: str, interval: int | None, key: str) -> str:
    """Return the slide indicator (dots and ``3 / 7``), a note, and the time bar.

    Parameters
    ----------
    number, total : int
        The slide's number in its round and the round's slide count (from 1).
    note : str
        Text next to the indicator (e.g. showcase page).
    label : str
        Accessible name of the indicator (``Slide 3 dari 7``).
    interval : int or None
        Seconds until the next slide (the bar fills in that time); None while paused.
    key : str
        Identifies the slide, so the browser restarts the bar's animation on every new slide.
    """
    dots = "".join(
        f'<span class="p-dot{" p-dot-on" if i == number else ""}"></span>' for i in range(1, max(total, 0) + 1)
    )
    bar = (
        f'<div class="p-timebar" data-slide="{esc(key)}"><div class="p-timefill" '
        f'style="animation-duration:{int(interval)}s"></div></div>'
        if interval
        else '<div class="p-timebar p-paused"></div>'
    )
    return (
        f'<footer class="p-foot"><div class="p-indicator" role="status" aria-label="{esc(label)}">'
        f'<span class="p-dots">{dots}</span><span class="p-count">{number} / {total}</span>'
        f'<span class="p-note">{esc(note)}</span></div>{bar}</footer>'
    )

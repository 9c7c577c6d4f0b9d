"""The meeting-room presentation's state, as pure logic: its settings and address, which slides
in which order, and the clock that says which slide is due.

Nothing here imports Streamlit; :mod:`lebak_dash.ui.presentation` keeps the state in the session
and draws the slide :func:`lebak_dash.views.slides.build_slide` makes.

**The deck.** Six fixed slides (headline numbers, the 5D funnel, the OPD ranking with the OPDs
that have no innovation yet, the kecamatan map, the kecamatan bars, the trend by year) and a
showcase of innovations in the Display stage, :data:`CARDS_PER_PAGE` cards a slide. The Display
innovations are usually too many for one round (99 in the sample: 17 pages), so each *round* of
the deck shows the next :data:`SHOWCASE_PAGES_PER_ROUND` pages of the showcase; after the last
page the first round comes again. A :class:`Position` is (round, index in that round's deck).

**The clock.** The slide on screen is a function of time: an :class:`Anchor` says which slide was
shown when; :func:`current_position` adds one slide per elapsed interval (none while paused). The
page's timer only asks "which slide now?" at each tick, so a late, missed or doubled tick never
shows a slide twice or skips one, and a manual previous/next just sets a new anchor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from lebak_dash.charts.style import ChartStyle
from lebak_dash.views.screen import PRESENT_DARK, PRESENT_LIGHT

#: The fixed slides, in order; the showcase pages follow them.
FIXED_SLIDES: tuple[str, ...] = ("kpi", "tahapan", "opd", "peta", "kecamatan", "tren")
SHOWCASE = "etalase"
SLIDE_KINDS: tuple[str, ...] = (*FIXED_SLIDES, SHOWCASE)
#: Innovation cards on one showcase slide (3 x 2 reads from the back of a room).
CARDS_PER_PAGE = 6
#: Showcase slides in one round of the deck.
SHOWCASE_PAGES_PER_ROUND = 2
#: Seconds without a tick beyond the interval after which a page run resumes from the slide last
#: seen rather than from the clock (the user was away on another page, the connection dropped).
AWAY_S = 5.0
#: Seconds between slides: default and bounds of the setting (and of the URL value).
DEFAULT_INTERVAL = 15
MIN_INTERVAL = 2
MAX_INTERVAL = 600
THEMES: tuple[str, ...] = ("terang", "gelap")
DEFAULT_THEME = "terang"
#: URL parameters of the presentation (the filters use :data:`lebak_dash.analysis.query.QUERY_KEYS`).
QUERY_SLIDE = "slide"
QUERY_ROUND = "putaran"
QUERY_INTERVAL = "interval"
QUERY_THEME = "tema"
QUERY_PAUSED = "jeda"
PRESENTATION_PARAMS: tuple[str, ...] = (QUERY_SLIDE, QUERY_ROUND, QUERY_INTERVAL, QUERY_THEME, QUERY_PAUSED)
_TRUE_WORDS = frozenset({"1", "true", "ya", "yes", "on", "y"})
#: Chart style of each theme.
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

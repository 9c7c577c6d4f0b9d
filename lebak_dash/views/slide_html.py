"""The presentation's HTML: the slide's header, text parts and footer, as pure string building.

**User text.** Innovation and OPD names come from uploaded workbooks. Every builder here escapes
every piece of text it inserts (:func:`lebak_dash.charts.style.html_text`); only our own constants and numbers are
markup. The page's style sheet is :data:`lebak_dash.ui.presentation.CSS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lebak_dash.charts.style import STAGE_KEY_COLORS, html_text
from lebak_dash.views.presentation_state import DEFAULT_THEME, THEMES
from lebak_dash.views.slides import Card, Kpi, StageCount


def esc(text: object) -> str:
    """Return `text` escaped for HTML text and attribute values (quotes included).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&#34;alert(1)&#34;&gt;'
    """
    return html_text(text)


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
    """Return the headline numbers, then the stages as one bar (each part as wide as its count)."""
    cells = "".join(
        f'<div class="p-kpi"><div class="p-kpi-label">{esc(k.label)}</div>'
        f'<div class="p-kpi-value">{esc(k.value)}</div>'
        f'<div class="p-kpi-detail">{esc(k.detail)}</div></div>'
        for k in kpis
    )
    parts = "".join(
        f'<div class="p-stage" style="flex-grow:{max(0, int(s.count))};'
        f'background:{STAGE_KEY_COLORS[s.stage]};color:{text_color_on(STAGE_KEY_COLORS[s.stage])}">'
        f'<span class="p-stage-name">{esc(s.label)}</span><span class="p-stage-count">{esc(s.shown)}</span></div>'
        for s in stages
        if s.stage in STAGE_KEY_COLORS
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

"""Where a view is shown: a desk screen (the pages, the briefing) or the meeting room's big screen.

A :class:`Screen` holds what changes with the screen and nothing else: the chart styles, how many
rows fit, which way the kecamatan bars stand, how the map is sized and explained. The view
functions build the same content for both; the presentation passes :func:`big_screen`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lebak_dash.charts.map_labels import Canvas
from lebak_dash.charts.style import DARK, LIGHT, ChartStyle

#: Numbers inside and beside the big screen's bars, in pixels: read from the back of the room at
#: 1920x1080 (the chart text is 20).
VALUE_PX = 24
#: Characters of a chart title's line when the chart is as wide as the big screen (half-width: 44).
WIDE_TITLE_WRAP = 70

#: The map's plotting area (pixels) on a 360-pixel phone, the narrowest the pages are made for:
#: the map fills the chart's width (a 390-pixel phone draws it about 10 % larger).
PHONE_MAP = Canvas(290, 350)
#: The map's plotting area on a tablet or a desk, where the 640-pixel map is as tall as it can be.
DESK_MAP = Canvas(350, 420)
#: The map's plotting area on the big screen's map slide at 1280x720 (1920x1080: about 1.6 times larger).
PRESENT_MAP = Canvas(370, 440)


@dataclass(frozen=True)
class Screen:
    """What the screen decides about a view's figures.

    Attributes
    ----------
    style : ChartStyle
        Style of the charts that share the width with something else.
    wide : ChartStyle
        Style of the charts as wide as the screen (longer title lines).
    leading_opds : int
        OPDs in the ranking chart.
    upright_kecamatan : bool
        Kecamatan bars stand upright, names below (28 rows of large type do not fit a screen's
        height, 28 columns fit its width).
    map_height : int or None
        Height of the map in pixels (None: the style's fill or default).
    map_label_canvases : tuple of Canvas
        Drawn sizes of the map's plotting area its names are chosen for, smallest first
        (:func:`lebak_dash.charts.map_labels.label_tiers`): on the desk, a phone's map (the names
        written at every width) and the map of a tablet or a desk (more names, hidden by the page
        on a narrower chart); on the big screen, the map of a 1280x720 screen.
    map_scale_below : bool
        The map's colour scale lies under it, across (a phone's width goes to the map).
    map_explained : bool
        The map carries its colour scale and explaining subtitle (False: the slide explains it
        beside the map).
    kind_labels : bool
        OPD bars grouped by kind name the kind in a second label column beside the OPD names (a
        phone's width has no room for it: a line between the kinds' groups and the kind in the
        hover instead, the bars keep the width).
    """

    style: ChartStyle = LIGHT
    wide: ChartStyle = LIGHT
    leading_opds: int = 10
    upright_kecamatan: bool = False
    map_height: int | None = 640
    map_label_canvases: tuple[Canvas, ...] = (PHONE_MAP, DESK_MAP)
    map_scale_below: bool = True
    map_explained: bool = True
    kind_labels: bool = True


#: The pages and the briefing.
DESK = Screen()
#: The pages on a phone (a window under 640 px, :func:`lebak_dash.ui.share.narrow_screen`).
PHONE = replace(DESK, kind_labels=False)

#: Chart styles of the big screen: high contrast (a washed-out projector greys everything),
#: chart text of 20 px (at least 18 at 1920x1080), height from the screen, no click hints.
PRESENT_LIGHT: ChartStyle = replace(
    LIGHT.scaled(20 / 13),
    text_color="#000000",
    muted_color="#26313D",
    grid_color="#AEB8C4",
    scale_colors=("#8CC4E8", "#08306B"),
    zero_color="#56616E",
    fill=True,
    click_hints=False,
    label_wrap=34,
    title_wrap=44,
    abbreviate_at=0,  # the room reads the full names it knows from the desk's hover
    value_size=VALUE_PX,
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
    fill=True,
    click_hints=False,
    label_wrap=34,
    title_wrap=44,
    abbreviate_at=0,  # the room reads the full names it knows from the desk's hover
    value_size=VALUE_PX,
)


def big_screen(style: ChartStyle = PRESENT_LIGHT) -> Screen:
    """Return the meeting room's screen in `style` (:data:`PRESENT_LIGHT` or :data:`PRESENT_DARK`).

    Examples
    --------
    >>> screen = big_screen()
    >>> screen.leading_opds, screen.wide.title_wrap, screen.upright_kecamatan
    (8, 70, True)
    """
    return Screen(
        style=style,
        wide=replace(style, title_wrap=WIDE_TITLE_WRAP),
        leading_opds=8,  # more rows of large type do not fit a 720-pixel screen
        upright_kecamatan=True,
        map_height=None,
        map_label_canvases=(PRESENT_MAP,),
        map_scale_below=False,
        map_explained=False,
    )

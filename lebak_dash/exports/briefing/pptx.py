"""The briefing as a 16:9 PowerPoint deck: one finding per slide, native charts and tables.

Each slide is titled with the finding the dashboard's chart states; charts are native PowerPoint
charts (python-pptx chart API, editable in PowerPoint, data in the embedded sheet, which never
holds a live formula or link), tables native tables; the data date and the filter are in the
footer of every slide.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from pptx import Presentation
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.chart.xlsx import BubbleWorkbookWriter, CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt
from xlsxwriter import Workbook

from lebak_dash.analysis.stages import MODEL_STAGES, derived_column
from lebak_dash.charts.dashboard import COUNT_COLOR
from lebak_dash.charts.progress import MAX_ROWS, MOVE_COLORS, moved_opds, node_label, version_label
from lebak_dash.charts.style import (
    GAP_COLOR,
    derived_label,
    gap_label,
    stage_color,
    stage_columns,
    stage_label,
)
from lebak_dash.exports.briefing.content import Briefing, cell_text, plain
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.schema import NO_OPD, NO_STAGE
from lebak_dash.views.labels import labelled
from lebak_dash.views.perkembangan import ProgressView

#: A shape's place on a slide: left, top, width, height (EMU).
Box = tuple[int, int, int, int]
_WIDE = Inches(13.333)
_HIGH = Inches(7.5)
_MARGIN = Inches(0.45)
_TITLE_TOP, _TITLE_HIGH = Inches(0.3), Inches(1.0)
_BODY_TOP = Inches(1.4)
_FOOTER_HIGH = Inches(0.45)
_BODY_HIGH = _HIGH - _BODY_TOP - _FOOTER_HIGH - Inches(0.15)
_TEXT = RGBColor.from_string("1F2933")
_MUTED = RGBColor.from_string("5F6B7A")


class _TextOnlySheet:
    """The chart's embedded workbook (what "Edit Data" opens) keeps user text as text.

    python-pptx writes it with XlsxWriter's defaults, which turn a string starting with ``=`` into
    a live formula and a string that looks like a URL into a link: an OPD named
    ``=HYPERLINK(...)`` would become one. Exported spreadsheets never carry a live formula.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[object, object]]:
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _TextCategoryWriter(_TextOnlySheet, CategoryWorkbookWriter):
    pass


class _TextBubbleWriter(_TextOnlySheet, BubbleWorkbookWriter):
    pass


class TextCategoryChartData(CategoryChartData):
    """:class:`pptx.chart.data.CategoryChartData` whose embedded workbook holds no formula or link."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextCategoryWriter(self)


class TextBubbleChartData(BubbleChartData):
    """:class:`pptx.chart.data.BubbleChartData` whose embedded workbook holds no formula or link."""

    @property
    def _workbook_writer(self) -> BubbleWorkbookWriter:
        return _TextBubbleWriter(self)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _faded(hex_color: str, keep: float = 0.35) -> RGBColor:
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(*(round(c * keep + 255 * (1 - keep)) for c in (r, g, b)))


class _Deck:
    """A 16:9 deck whose slides carry a finding as title and the data and filter as footer."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDE, _HIGH
        self.footers: list[Any] = []  # python-pptx shapes (untyped)

    def slide(self, title: str):
        """Add a "Title Only" slide titled `title` (resized for 16:9) and return it."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = _MARGIN, _TITLE_TOP, _WIDE - 2 * _MARGIN, _TITLE_HIGH
        frame = shape.text_frame
        frame.word_wrap = True
        frame.text = plain(title)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        size = 30 if len(title) <= 60 else 26 if len(title) <= 90 else 22
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = _TEXT
        footer = slide.shapes.add_textbox(_MARGIN, _HIGH - _FOOTER_HIGH, _WIDE - 2 * _MARGIN, _FOOTER_HIGH)
        footer.name = "footer"
        self.footers.append(footer)
        return slide

    def finish(self) -> bytes:
        """Write every footer (data, filter, slide i of n) and return the .pptx bytes."""
        total = len(self.prs.slides)
        b = self.briefing
        for number, footer in enumerate(self.footers, start=2 if total > len(self.footers) else 1):
            frame = footer.text_frame
            frame.word_wrap = True
            slide_no = t("brief.slide", b.lang, i=number, n=total)
            frame.text = plain(f"{b.data_text} · {b.filter_text} · {slide_no}")
            for run in frame.paragraphs[0].runs:
                run.font.size = Pt(10)
                run.font.color.rgb = _MUTED
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _body_box() -> Box:
    return _MARGIN, _BODY_TOP, _WIDE - 2 * _MARGIN, _BODY_HIGH


def _style_chart(chart, *, legend: bool, font: int = 12) -> None:
    chart.has_title = False  # the slide's title states the finding; no series name above the plot
    chart.font.size = Pt(font)
    chart.font.color.rgb = _TEXT
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font)


def _category_chart(
    slide,
    key: str,
    kind: XL_CHART_TYPE,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    point_colors: Sequence[str] | None = None,
    dim: Sequence[bool] | None = None,
    labels: bool = True,
    font: int = 12,
    box: Box | None = None,
):
    """Add a native category chart: one series per (name, values, colour); return the chart."""
    data = TextCategoryChartData(number_format="0")
    data.categories = [plain(c) for c in categories]
    for name, values, _color in series:
        data.add_series(plain(name), [float(v) for v in values])
    frame = slide.shapes.add_chart(kind, *(box or _body_box()), data)
    frame.name = f"chart:{key}"
    chart = frame.chart
    horizontal = kind in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED)
    stacked = kind in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED)
    _style_chart(chart, legend=len(series) > 1, font=font)
    plot = chart.plots[0]
    plot.gap_width = 40 if len(categories) <= 24 else 15
    if stacked:
        plot.overlap = 100
    if horizontal:
        chart.category_axis.reverse_order = True  # first category on top, as on screen
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("E3E7EC")
    chart.value_axis.tick_labels.font.size = Pt(font)
    chart.category_axis.tick_labels.font.size = Pt(font)
    for index, (_name, _values, color) in enumerate(series):
        fill = plot.series[index].format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(color)
    if point_colors is not None:
        for index, color in enumerate(point_colors):
            for s in plot.series:
                fill = s.points[index].format.fill
                fill.solid()
                fill.fore_color.rgb = _rgb(color)
    if dim is not None:
        # The dashboard dims the bars outside the selection; the deck does the same with paler fills.
        for s_index, (_name, _values, color) in enumerate(series):
            for index, faded in enumerate(dim):
                if faded:
                    base = point_colors[index] if point_colors is not None else color
                    fill = plot.series[s_index].points[index].format.fill
                    fill.solid()
                    fill.fore_color.rgb = _faded(base)
    if labels:
        plot.has_data_labels = True
        data_labels = plot.data_labels
        data_labels.number_format = '0;-0;""'  # zero segments stay unlabelled
        data_labels.number_format_is_linked = False
        data_labels.font.size = Pt(max(8, font - 1))
        if not stacked:
            data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    return chart


def _stage_series(table: pd.DataFrame, lang: str) -> list[tuple[str, Sequence[float], str]]:
    """Return one series per stage key of `table` (a derived part as a paler series of its own, the
    innovations that name no OPD as a grey one), as the dashboard's stacked bars draw them."""
    gap = pd.Series([str(n) == NO_OPD for n in table.index], index=table.index)
    series: list[tuple[str, Sequence[float], str]] = []
    for stage in stage_columns(table):
        values = table[stage].astype(int).where(~gap, 0)
        extra = derived_column(stage)
        derived = table[extra].astype(int).where(~gap, 0) if extra in table.columns else values * 0
        series.append((stage_label(stage, lang), (values - derived).tolist(), stage_color(stage)))
        if int(derived.sum()):
            faded = "#" + str(_faded(stage_color(stage), 0.55))
            series.append((derived_label(stage, lang), derived.tolist(), faded))
    if gap.any():
        series.append((gap_label(NO_OPD, lang), table["jumlah"].astype(int).where(gap, 0).tolist(), GAP_COLOR))
    return series


def _names(index: pd.Index, lang: str) -> list[str]:
    """Return category names as the charts show them (the gap rows in `lang`)."""
    return [gap_label(str(n), lang) for n in index]


def _dim(categories: Sequence[object], selected: Sequence[object]) -> list[bool] | None:
    if not selected:
        return None
    chosen = {str(s) for s in selected}
    return [str(c) not in chosen for c in categories]


def _font_for(rows: int) -> int:
    return 12 if rows <= 12 else 10 if rows <= 24 else 8 if rows <= 40 else 7


def _table_shape(slide, key: str, frame: pd.DataFrame, lang: str, box: Box, font: int) -> object:
    """Add a native table of `frame` in `box` (header row, then the rows as text) and return it.

    Columns get widths in proportion to their longest text (clamped), so names are not squeezed.
    """
    left, top, width, _height = box
    texts = [
        [plain(cell_text(c, v, lang)[0]) for c, v in zip(frame.columns, values, strict=True)]
        for values in frame.itertuples(index=False, name=None)
    ]
    rows, cols = len(texts) + 1, max(1, len(frame.columns))
    row_height = Pt(font * 1.9)
    shape = slide.shapes.add_table(rows, cols, left, top, width, row_height * rows)
    shape.name = f"table:{key}"
    table = shape.table
    weights = []
    for c, column in enumerate(frame.columns):
        longest = max([len(str(column))] + [len(r[c]) for r in texts])
        weights.append(min(40, max(6, longest)))
    used = 0
    for c, weight in enumerate(weights):
        share = int(width * weight / sum(weights)) if c < cols - 1 else int(width) - used
        table.columns[c].width = share
        used += share
    for c, column in enumerate(frame.columns):
        table.cell(0, c).text = plain(column)
    for r, row in enumerate(texts, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r in range(rows):
        table.rows[r].height = row_height
        for c in range(cols):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Pt(1)
            cell.margin_left = cell.margin_right = Pt(4)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font)
    return table


def _table_slides(
    deck: _Deck,
    key: str,
    title: str,
    frame: pd.DataFrame,
    lang: str,
    *,
    note: str = "",
    rows: int = 16,
    blocks: int = 1,
    font: int = 10,
    max_slides: int | None = None,
) -> None:
    """Add `frame` as native tables: `rows` rows a block, `blocks` blocks side by side a slide.

    With `max_slides`, the rest is left out and the note says how many rows are shown.
    """
    per_slide = rows * blocks
    chunks = max(1, -(-len(frame) // per_slide))
    if max_slides is not None and chunks > max_slides:
        chunks = max_slides
        cut = t("brief.list.cut", lang, shown=fmt_int(per_slide * chunks, lang), n=fmt_int(len(frame), lang))
        note = f"{note} · {cut}" if note else cut
    left, top, width, height = _body_box()
    gap = Inches(0.3)
    block_width = int((width * 0.97 - gap * (blocks - 1)) / blocks)
    for i in range(chunks):
        heading = title if i == 0 else t("brief.heatmap_cont", lang, title=title, i=i + 1, n=chunks)
        slide = deck.slide(heading)
        if note:
            box = slide.shapes.add_textbox(_MARGIN, _BODY_TOP - Inches(0.3), _WIDE - 2 * _MARGIN, Inches(0.3))
            box.name = "note"
            box.text_frame.word_wrap = True
            box.text_frame.text = plain(note)
            for run in box.text_frame.paragraphs[0].runs:
                run.font.size = Pt(12)
                run.font.color.rgb = _MUTED
        for j in range(blocks):
            start = i * per_slide + j * rows
            part = frame.iloc[start : start + rows]
            if len(part):
                block = (left + j * (block_width + gap), top + Inches(0.1), block_width, height)
                _table_shape(slide, f"{key}:{i + 1}:{j + 1}", part, lang, block, font)


def _kpi_slide(deck: _Deck, briefing: Briefing) -> None:
    slide = deck.slide(briefing.ringkasan.finding)
    left, top, width, _height = _body_box()
    gap = Inches(0.25)
    card_width = int((width - 3 * gap) / 4)
    for i, card in enumerate(briefing.ringkasan.cards):
        box = slide.shapes.add_textbox(left + i * (card_width + gap), top + Inches(0.6), card_width, Inches(2.4))
        box.name = f"kpi:{i}"
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = plain(card.label)
        frame.paragraphs[0].runs[0].font.size = Pt(18)
        frame.paragraphs[0].runs[0].font.color.rgb = _MUTED
        for text, size, bold in ((card.value, 32, True), (card.detail, 18, False)):
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = plain(text)
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _TEXT


def _bubble_map(slide, frame: pd.DataFrame, lang: str) -> None:
    """Add the kecamatan map as a native bubble chart: longitude, latitude, innovations (named points)."""
    shown = frame[frame["jumlah"] > 0]
    data = TextBubbleChartData()
    series = data.add_series(t("axis.jumlah", lang))
    for _, row in shown.iterrows():
        series.add_data_point(float(row["lon"]), float(row["lat"]), float(row["jumlah"]))
    left, top, width, height = _body_box()
    graphic = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, left + Inches(1.5), top, width - Inches(3), height, data)
    graphic.name = "chart:kec_map"
    chart = graphic.chart
    _style_chart(chart, legend=False, font=10)
    plot = chart.plots[0]
    plot.bubble_scale = 30
    fill = plot.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = _rgb("#0072B2")
    for axis in (chart.value_axis, chart.category_axis):
        axis.has_major_gridlines = False
        axis.visible = False
    chart.value_axis.minimum_scale = float(frame["lat"].min()) - 0.05
    chart.value_axis.maximum_scale = float(frame["lat"].max()) + 0.05
    chart.category_axis.minimum_scale = float(frame["lon"].min()) - 0.05
    chart.category_axis.maximum_scale = float(frame["lon"].max()) + 0.05
    for index, (_, row) in enumerate(shown.iterrows()):
        label = plot.series[0].points[index].data_label
        label.text_frame.text = plain(f"{row['kecamatan']} ({fmt_int(row['jumlah'], lang)})")
        label.position = XL_LABEL_POSITION.CENTER
        label.font.size = Pt(8)


def _movement_chart(slide, view: ProgressView, lang: str) -> None:
    """The Sankey's native counterpart: rows = stage in the older version (and new), colours = stage in the newer."""
    flows = view.comparison.flows
    stages = MODEL_STAGES[view.model]
    left = [n for n in (*stages, NO_STAGE, "baru") if n in set(flows["dari"])]
    right = [n for n in (*stages, NO_STAGE, "hilang") if n in set(flows["ke"])]
    matrix = flows.pivot_table(index="dari", columns="ke", values="jumlah", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(index=left, columns=right, fill_value=0)
    series = [
        (
            node_label(node, lang),
            matrix[node].astype(int).tolist(),
            MOVE_COLORS["hilang"] if node == "hilang" else stage_color(node),
        )
        for node in right
    ]
    categories = [node_label(n, lang) for n in left]
    _category_chart(slide, "prog_sankey", XL_CHART_TYPE.BAR_STACKED, categories, series)


def briefing_pptx(briefing: Briefing) -> bytes:
    """Return the briefing as a PowerPoint deck (.pptx bytes): one finding per slide, native charts.

    Slides: cover; KPIs; completeness (table); the funnel of each stage model (5D, IID); the
    stages of each model; years; leading OPDs; every OPD; the OPD x stage counts (tables); the
    kecamatan map (bubble chart); kecamatan by stage; urusan and maturity score (when the data has
    them); OPDs and kecamatan without innovation (tables); then, when present, stages per version,
    the stage-to-stage movement, advances per OPD, stalled innovations (chart and tables).
    """
    lang = briefing.lang
    deck = _Deck(briefing)
    prs = deck.prs
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    title = cover.shapes.title
    title.text = plain(briefing.title)
    title.left, title.top, title.width, title.height = _MARGIN, Inches(1.6), _WIDE - 2 * _MARGIN, Inches(1.6)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        _MARGIN,
        Inches(3.6),
        _WIDE - 2 * _MARGIN,
        Inches(2.2),
    )
    when = t("brief.generated", lang, when=fmt_datetime(briefing.generated_at, lang))
    subtitle.text_frame.text = plain(f"{briefing.data_text}\n{briefing.filter_text}\n{when}")
    for paragraph in subtitle.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)

    _kpi_slide(deck, briefing)
    f = briefing.filters
    for table in briefing.tables:
        if table.key == "completeness":
            _table_slides(deck, table.key, table.title, table.frame, lang, note=table.note, rows=6, font=14)
    charts = [(c.key, c.funnel, XL_CHART_TYPE.BAR_CLUSTERED) for c in briefing.ringkasan.stages]
    charts += [(b.key, b.funnel, XL_CHART_TYPE.COLUMN_CLUSTERED) for b in briefing.tahapan.bars]
    for key, funnel, kind in charts:
        shown = funnel[(funnel.index != NO_STAGE) | (funnel["jumlah"] > 0)]
        names = [
            derived_label(s, lang) if "turunan" in shown and shown.loc[s, "turunan"] else stage_label(s, lang)
            for s in shown.index
        ]
        count_series = [(t("axis.jumlah", lang), shown["jumlah"].astype(int).tolist(), "#0072B2")]
        _category_chart(
            deck.slide(briefing.chart(key).title),
            key,
            kind,
            names,
            count_series,
            point_colors=[stage_color(s) for s in shown.index],
            dim=_dim(shown.index, f.tahapan),
        )
    years = briefing.ringkasan.years.table
    if len(years):
        slide = deck.slide(briefing.chart("years").title)
        _category_chart(
            slide,
            "years",
            XL_CHART_TYPE.COLUMN_STACKED,
            [str(y) for y in years.index],
            _stage_series(years, lang),
            dim=_dim(years.index, range(f.tahun[0], f.tahun[1] + 1) if f.tahun else ()),
        )
    for key, table in (("leading", briefing.ringkasan.leading), ("opd_bars", briefing.opd.matrix)):
        if table.empty:
            continue
        slide = deck.slide(briefing.chart(key).title)
        _category_chart(
            slide,
            key,
            XL_CHART_TYPE.BAR_STACKED,
            _names(table.index, lang),
            _stage_series(table, lang),
            dim=_dim(table.index, f.opd),
            font=_font_for(len(table)),
            labels=len(table) <= 24,
        )
    heat = briefing.opd.heat
    if len(heat):
        frame = heat[[*stage_columns(heat), "jumlah"]].reset_index()
        frame["opd"] = _names(heat.index, lang)
        _table_slides(
            deck,
            "opd_heatmap",
            briefing.chart("opd_heatmap").title,
            labelled(frame, lang),
            lang,
            rows=22,
            blocks=2,
            font=9,
        )
    kecamatan = briefing.kecamatan
    if kecamatan.map_figure is not None and int(kecamatan.map_frame["jumlah"].sum()):
        _bubble_map(deck.slide(briefing.chart("kec_map").title), kecamatan.map_frame, lang)
    rows = kecamatan.matrix[kecamatan.matrix["baris"].isin(["kecamatan", "tidak_dikenal"])]
    if int(rows["jumlah"].sum()):
        slide = deck.slide(briefing.chart("kec_bars").title)
        _category_chart(
            slide,
            "kec_bars",
            XL_CHART_TYPE.BAR_STACKED,
            [str(n) for n in rows.index],
            _stage_series(rows, lang),
            dim=_dim(rows.index, f.kecamatan),
            font=_font_for(len(rows)),
            labels=len(rows) <= 30,
        )
    _count_slides(deck, briefing)
    for table in briefing.tables:
        if table.key in ("no_opd", "no_kec"):
            _table_slides(deck, table.key, table.title, table.frame, lang, rows=18, blocks=2, font=11)
    if briefing.progress is not None:
        _progress_slides(deck, briefing, briefing.progress)
    return deck.finish()


def _count_slides(deck: _Deck, briefing: Briefing) -> None:
    """Add the urusan bars and the maturity histogram, when the data has them."""
    lang, ringkasan = briefing.lang, briefing.ringkasan
    if ringkasan.urusan is not None and len(ringkasan.urusan.table):
        table = ringkasan.urusan.table.head(30)
        _category_chart(
            deck.slide(briefing.chart("urusan").title),
            "urusan",
            XL_CHART_TYPE.BAR_CLUSTERED,
            [str(n) for n in table.index],
            [(t("axis.jumlah", lang), table["jumlah"].astype(int).tolist(), COUNT_COLOR)],
            dim=_dim(table.index, briefing.filters.urusan),
            font=_font_for(len(table)),
        )
    if ringkasan.maturity is not None and int(ringkasan.maturity.table["jumlah"].sum()):
        table = ringkasan.maturity.table
        _category_chart(
            deck.slide(briefing.chart("kematangan").title),
            "kematangan",
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            [str(n) for n in table.index],
            [(t("axis.jumlah", lang), table["jumlah"].astype(int).tolist(), COUNT_COLOR)],
        )


def _progress_slides(deck: _Deck, briefing: Briefing, view: ProgressView) -> None:
    lang = briefing.lang
    counts = view.counts
    by_number = {v.number: v for v in view.timeline.versions}
    slide = deck.slide(briefing.chart("prog_versions").title)
    _category_chart(
        slide,
        "prog_versions",
        XL_CHART_TYPE.COLUMN_STACKED,
        [version_label(by_number[int(n)], lang) for n in counts.index],
        _stage_series(counts, lang),
    )
    if len(view.comparison.flows):
        _movement_chart(deck.slide(briefing.chart("prog_sankey").title), view, lang)
    # The same rows as the dashboard's charts (at most MAX_ROWS OPDs; the tables hold them all).
    moved = moved_opds(view.comparison.per_opd).head(MAX_ROWS)
    slide = deck.slide(briefing.chart("prog_opd").title)
    if len(moved):
        _category_chart(
            slide,
            "prog_opd",
            XL_CHART_TYPE.BAR_CLUSTERED,
            [str(n) for n in moved.index],
            [(t(f"prog.status.{s}", lang), moved[s].astype(int).tolist(), MOVE_COLORS[s]) for s in ("naik", "turun")],
            font=_font_for(len(moved)),
        )
    slide = deck.slide(briefing.chart("prog_stalled").title)
    matrix = view.stalled_matrix.head(MAX_ROWS)
    if len(matrix):
        _category_chart(
            slide,
            "prog_stalled",
            XL_CHART_TYPE.BAR_STACKED,
            [str(n) for n in matrix.index],
            _stage_series(matrix, lang),
            font=_font_for(len(matrix)),
        )
    for table in briefing.tables:
        if table.key == "prog_stalled_list" and len(table.frame):
            _table_slides(
                deck, table.key, table.title, table.frame, lang, note=table.note, rows=18, font=10, max_slides=2
            )

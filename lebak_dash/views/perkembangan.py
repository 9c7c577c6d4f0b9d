"""What the Perkembangan page shows: the progress of the filtered innovations across versions.

:func:`progress_view` asks a :class:`~lebak_dash.analysis.progress.Timeline` the page's questions
(stages per version, the comparison of two versions, the stalled innovations) for one set of
filters and settings; the page, the briefing and their caches share it. :func:`progress_charts`
turns it into the page's four charts (the briefing's progress part).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import opd_stage_matrix
from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.progress import Comparison, Timeline, compare, filter_ids, stage_counts
from lebak_dash.analysis.stages import MODEL_5D, StageScheme
from lebak_dash.analysis.stalled import StalledRule, stalled, stalled_records
from lebak_dash.charts.progress import (
    movement_sankey_figure,
    opd_movement_figure,
    stage_versions_figure,
    stalled_figure,
)
from lebak_dash.charts.style import LIGHT, ChartStyle
from lebak_dash.i18n import t
from lebak_dash.records.reference import Reference


@dataclass(frozen=True)
class ProgressSettings:
    """What the progress page (and the briefing) looks at.

    Attributes
    ----------
    a, b : int or None
        Versions to compare (None: the second to last and the last).
    stalled : StalledRule
    model : {"5d", "iid"} or None
        The stages followed (None: the first model the versions hold, 5D when they hold both).
    """

    a: int | None = None
    b: int | None = None
    stalled: StalledRule = field(default_factory=StalledRule)
    model: str | None = None

    def resolved_model(self, timeline: Timeline) -> str:
        """Return the stages followed: the chosen model when the versions hold it, else their first.

        Examples
        --------
        >>> from lebak_dash.analysis.progress import VersionData, track
        >>> frame = pd.DataFrame({"kode": ["K"], "nama": ["A"], "opd": ["X"], "tahapan_iid": ["Uji Coba"]})
        >>> tl = track([VersionData(1, frame)])
        >>> ProgressSettings().resolved_model(tl), ProgressSettings(model="5d").resolved_model(tl)
        ('iid', 'iid')
        """
        models = timeline.models
        return self.model if self.model in models else models[0]

    def resolved(self, timeline: Timeline) -> tuple[int, int]:
        """Return the two versions to compare: the chosen ones when the timeline has them, else the last two.

        Examples
        --------
        >>> from lebak_dash.analysis.progress import VersionData, track
        >>> tl = track([VersionData(n, pd.DataFrame(columns=["kode", "nama", "opd", "tahapan"])) for n in (1, 2, 5)])
        >>> ProgressSettings().resolved(tl), ProgressSettings(a=1, b=9).resolved(tl)
        ((2, 5), (1, 5))
        """
        numbers = timeline.numbers
        if not numbers:
            raise ValueError("the timeline has no version")
        default_a = numbers[-2] if len(numbers) > 1 else numbers[-1]
        a = self.a if self.a in numbers else default_a
        b = self.b if self.b in numbers else numbers[-1]
        return a, b


@dataclass(frozen=True, eq=False)
class ProgressView:
    """Everything the progress page and the briefing show, for one set of filters and settings.

    Attributes
    ----------
    timeline : Timeline
    settings : ProgressSettings
        With ``a``, ``b`` and ``model`` resolved.
    counts : pandas.DataFrame
        :func:`stage_counts` with the filters.
    comparison : Comparison
        ``a`` to ``b`` (the older first), filtered innovations only.
    stalled : pandas.DataFrame
        :func:`stalled` up to the newer of ``a`` and ``b``.
    stalled_matrix : pandas.DataFrame
        The dashboard's OPD x stage count of the stalled innovations
        (:func:`lebak_dash.analysis.opd_stage_matrix`).
    """

    timeline: Timeline
    settings: ProgressSettings
    counts: pd.DataFrame
    comparison: Comparison
    stalled: pd.DataFrame
    stalled_matrix: pd.DataFrame

    @property
    def upto(self) -> int:
        """Return the version the stalled list looks back from."""
        return self.comparison.b.number

    @property
    def model(self) -> str:
        """Return the stages followed (``5d`` or ``iid``)."""
        return self.settings.model or MODEL_5D


def progress_view(
    timeline: Timeline, filters: Filters, settings: ProgressSettings, reference: Reference
) -> ProgressView:
    """Return the :class:`ProgressView` of `timeline` under `filters` and `settings`.

    The two versions are put in upload order (a comparison reads from older to newer); the
    stalled list looks back from the newer one.

    Parameters
    ----------
    timeline : Timeline
        At least one version.
    filters : Filters
    settings : ProgressSettings
    reference : Reference
        For the OPD x stage count (reference order and kinds).
    """
    a, b = settings.resolved(timeline)
    model = settings.resolved_model(timeline)
    if timeline.column(a) > timeline.column(b):
        a, b = b, a
    mask = filter_ids(timeline, filters, (a, b))
    comparison = compare(timeline, a, b, mask, model)
    table = stalled(timeline, settings.stalled, upto=b, mask=filter_ids(timeline, filters, (b,)), model=model)
    matrix = opd_stage_matrix(
        stalled_records(table, model),
        reference,
        include_zero=False,
        by_kind=False,
        scheme=StageScheme(models=(model,)),
    )
    return ProgressView(
        timeline=timeline,
        settings=ProgressSettings(a, b, settings.stalled, model),
        counts=stage_counts(timeline, filters, model),
        comparison=comparison,
        stalled=table,
        stalled_matrix=matrix,
    )


def stalled_rule_text(view: ProgressView, lang: str, *, short: bool = False) -> str:
    """Return the stalled rule of `view` in words: in full (the page, the table's note) or `short`
    (a chart's one-line subtitle)."""
    rule = view.settings.stalled
    kind = "short" if short else "text"
    last = "" if view.model == MODEL_5D else f"_{view.model}"
    display = "" if rule.include_display else t(f"prog.stalled.{kind}.no_display{last}", lang)
    b = f"v{view.upto}"
    if rule.rule == "versi":
        return t(f"prog.stalled.{kind}.versi", lang, count=rule.versions, b=b, display=display)
    key = "prog.stalled.short.bulan" if short else f"prog.stalled.text.bulan.{rule.basis}"
    return t(key, lang, count=rule.months, b=b, display=display)


@dataclass(frozen=True, eq=False)
class ProgressCharts:
    """The Perkembangan page's four charts and the stalled rule in words.

    Attributes
    ----------
    versions_figure : plotly.graph_objects.Figure
        Innovations per stage in each version.
    sankey_figure : plotly.graph_objects.Figure
        From stage to stage between the two versions compared.
    opd_figure : plotly.graph_objects.Figure
        Advances and setbacks per OPD.
    stalled_figure : plotly.graph_objects.Figure
        Stalled innovations per OPD and stage.
    rule_text, rule_short : str
        The stalled rule in full and in one line (:func:`stalled_rule_text`).
    """

    versions_figure: go.Figure
    sankey_figure: go.Figure
    opd_figure: go.Figure
    stalled_figure: go.Figure
    rule_text: str
    rule_short: str


def progress_charts(view: ProgressView, lang: str = "id", style: ChartStyle = LIGHT) -> ProgressCharts:
    """Return the charts of `view` (the Perkembangan page and the briefing show the same)."""
    short = stalled_rule_text(view, lang, short=True)
    return ProgressCharts(
        versions_figure=stage_versions_figure(view.counts, view.timeline.versions, lang=lang, style=style),
        sankey_figure=movement_sankey_figure(view.comparison, lang=lang, style=style, model=view.model),
        opd_figure=opd_movement_figure(view.comparison.per_opd, lang=lang, style=style),
        stalled_figure=stalled_figure(view.stalled_matrix, view.stalled, rule_text=short, lang=lang, style=style),
        rule_text=stalled_rule_text(view, lang),
        rule_short=short,
    )

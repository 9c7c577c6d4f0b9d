"""The records a view shows: a dataset under the filters, and each chart's own view of it.

Every page view (and through them the briefing and the presentation) starts from a
:class:`Selection`. A chart ignores its own dimension's filter and dims the values not chosen
instead, so a clicked bar stays visible among the others: :meth:`Selection.view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lebak_dash.analysis.filters import Filters, apply_filters
from lebak_dash.analysis.stages import MODEL_5D, MODEL_IID, StageScheme
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.reference import Reference
from lebak_dash.views.dataset import Dataset
from lebak_dash.views.labels import describe_filters


@dataclass(frozen=True, eq=False)
class Selection:
    """A dataset under filters.

    Attributes
    ----------
    dataset : Dataset
    filters : Filters
    records : pandas.DataFrame
        The records that pass every filter (read-only: with no filter, the dataset's own frame).
    """

    dataset: Dataset
    filters: Filters
    records: pd.DataFrame
    _views: dict[tuple[str, ...], pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def reference(self) -> Reference:
        """Return the dataset's reference tables."""
        return self.dataset.reference

    @property
    def stages(self) -> StageScheme:
        """Return the dataset's stage models and gaps (what the pages follow)."""
        return self.dataset.stages

    @property
    def kecamatan_long(self) -> pd.DataFrame:
        """Return the exploded kecamatan table kept from load."""
        return self.dataset.kecamatan_long

    @property
    def years(self) -> tuple[int, int] | None:
        """Return the first and last year of the whole dataset (None when no record has one)."""
        known = self.dataset.records["tahun"].dropna()
        return (int(known.min()), int(known.max())) if len(known) else None

    @property
    def chosen_years(self) -> range:
        """Return the years of the year filter (empty without one): the bars a chart does not dim."""
        tahun = self.filters.tahun
        return range(tahun[0], tahun[1] + 1) if tahun else range(0)

    def view(self, *without: str) -> pd.DataFrame:
        """Return the records with every filter but those of `without` (a chart's own dimension).

        Each view is computed once per selection (several parts of a page ask for the same one).
        """
        if not without or not any(self.filters.restricts(d) for d in without):
            return self.records
        key = tuple(sorted(without))
        if key not in self._views:
            self._views[key] = apply_filters(self.dataset, self.filters.without(*without))
        return self._views[key]


def select(dataset: Dataset, filters: Filters) -> Selection:
    """Return the :class:`Selection` of `dataset` under `filters`.

    Examples
    --------
    >>> from lebak_dash.views.dataset import load_sample_dataset
    >>> selection = select(load_sample_dataset(), Filters(tahapan=("Display",)))
    >>> len(selection.records), len(selection.view("tahapan"))
    (99, 480)
    """
    return Selection(dataset, filters, apply_filters(dataset, filters))


@dataclass(frozen=True)
class PageHeader:
    """What a dashboard page says above its content.

    Attributes
    ----------
    title : str
    filters : str
        The filters in words (:func:`~lebak_dash.views.labels.describe_filters`; empty when none).
    count : str
        How many innovations are shown, of how many (``12 dari 480 inovasi``).
    """

    title: str
    filters: str
    count: str


def title_key(page: str, stages: StageScheme) -> str:
    """Return the string key of a page's title: ``<page>.title``; the Tahapan page's follows the
    data's stage models (``tahapan.title_iid`` for IID alone, ``tahapan.title_both`` for both).

    Examples
    --------
    >>> title_key("tahapan", StageScheme(models=("iid",))), title_key("opd", StageScheme(models=("iid",)))
    ('tahapan.title_iid', 'opd.title')
    """
    if page != "tahapan" or stages.models == (MODEL_5D,):
        return f"{page}.title"
    return "tahapan.title_iid" if stages.models == (MODEL_IID,) else "tahapan.title_both"


def page_header(selection: Selection, page: str, lang: str) -> PageHeader:
    """Return the header of dashboard page `page` (``ringkasan``, ``opd``...) for `selection`."""
    shown, total = len(selection.records), len(selection.dataset.records)
    return PageHeader(
        title=t(title_key(page, selection.stages), lang),
        filters=describe_filters(selection.filters, lang),
        count=t("filter.count", lang, n=fmt_int(shown, lang), count=total),
    )

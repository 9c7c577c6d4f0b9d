"""Two stage models side by side (5D, IID) and the gaps, as pure functions: the scheme the pages
follow, the stage key, the filters of either model and of what is missing, their URL form, the
aggregations and the figures. Every expected count is worked out by hand in
:mod:`tests.iid_fixture`."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from lebak_dash.analysis import aggregate
from lebak_dash.analysis.filters import Filters, apply_filters, filter_options, sanitize_filters
from lebak_dash.analysis.query import NO_YEAR, filters_from_query, filters_to_query, missing_filters
from lebak_dash.analysis.stages import (
    DERIVED,
    StageScheme,
    conform_records,
    derived_column,
    stage_key,
    stage_scheme,
)
from lebak_dash.charts.dashboard import (
    leading_opd_figure,
    maturity_figure,
    opd_stage_figure,
    stage_bar_figure,
    stage_funnel_figure,
    urusan_figure,
)
from lebak_dash.charts.style import GAP_COLOR, IID_STAGE_COLORS, STAGE_COLORS, STAGE_KEY_COLORS
from lebak_dash.records.schema import IID_STAGES, NO_OPD, NO_STAGE, NOT_STATED, STAGES
from lebak_dash.views.labels import describe_filters, stage_filter_label
from lebak_dash.views.ringkasan import ringkasan_view
from lebak_dash.views.selection import select

from . import iid_fixture as fx
from .dash_fixture import make_dataset, make_records
from .test_charts import _CVD, _hex, _lab, _srgb_to_linear


@pytest.fixture(scope="module")
def iid():
    return fx.iid_dataset()


@pytest.fixture(scope="module")
def mixed():
    return fx.mixed_dataset()


def _ids(frame: pd.DataFrame) -> list[int]:
    return [int(i) for i in frame.index]


# ------------------------------------------------------------------------------------ the scheme
def test_the_scheme_follows_the_data():
    table = [
        (make_records(), StageScheme(("5d",), has_gap=False, derived=False), STAGES),
        (fx.make_iid_records(), StageScheme(("iid",), has_gap=True, derived=False), (*IID_STAGES, NO_STAGE)),
        (
            fx.make_mixed_records(),
            StageScheme(("5d", "iid"), has_gap=True, derived=True),
            (*STAGES, *IID_STAGES, NO_STAGE),
        ),
        (make_records().iloc[:0], StageScheme(("5d",), has_gap=False, derived=False), STAGES),
        (pd.DataFrame({"nama": ["a"]}), StageScheme(("5d",), has_gap=True, derived=False), (*STAGES, NO_STAGE)),
    ]
    got = [(stage_scheme(records), stage_scheme(records).columns) for records, _, _ in table]
    assert got == [(scheme, columns) for _, scheme, columns in table]


def test_stage_key_counts_each_record_once(mixed):
    keys = pd.Series(stage_key(mixed.records)).value_counts()
    assert {k: int(v) for k, v in keys.items() if v} == fx.MIXED_STAGE_KEYS
    assert int(keys.sum()) == len(mixed.records)


def test_old_records_get_empty_stage_columns():
    """A version stored before issue 11 (no IID columns) reads as 5D-only, nothing derived; a frame
    that already has every column is returned as it is."""
    old = make_records()
    conformed = conform_records(old)
    assert {"tahapan_iid", DERIVED} <= set(conformed.columns) and "tahapan_iid" not in old.columns
    assert conformed["tahapan_iid"].isna().all() and not conformed[DERIVED].any()
    assert list(conformed["tahapan_iid"].cat.categories) == list(IID_STAGES)
    assert conform_records(conformed) is conformed
    assert stage_scheme(conformed) == StageScheme(("5d",))


# ------------------------------------------------------------------------------------- filters
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(tahapan=("Penerapan",)), [7, 8, 11, 15]),  # the derived record is in both its stages
        (Filters(tahapan=("Delivery",)), [1, 4, 15]),
        (Filters(tahapan=("Uji Coba", "Design")), [3, 9]),
        (Filters(tahapan=(NO_STAGE,)), [12, 14]),
        (Filters(opd=(NO_OPD,)), [11, 12]),
        (Filters(opd=(NO_OPD, "Badan B")), [3, 4, 9, 10, 11, 12]),
        (Filters(urusan=("Kesehatan",)), [0, 1, 7, 9, 11, 15]),
        (Filters(no_year=True), [4, 11, 14]),
        (Filters(no_year=True, tahun=(2019, 2020)), [4, 11, 14]),  # no year wins over a range
        (Filters(kecamatan=(NOT_STATED,)), [3, 7, 9, 10, 11, 13]),
        (Filters(tahapan=(NO_STAGE,), kecamatan=("Bayah",)), [12]),
    ],
)
def test_filters_of_either_model_and_of_gaps(mixed, filters, expected):
    assert _ids(apply_filters(mixed, filters)) == expected


def test_the_panel_offers_what_the_data_holds(iid, mixed):
    options = filter_options(iid.records, iid.reference, iid.kecamatan_long, iid.stages)
    assert options.tahapan == (*IID_STAGES, NO_STAGE)
    assert options.opd[-2:] == ("Dinas Pangan Baru", NO_OPD)
    assert options.urusan == ("Kearsipan", "Kesehatan", "Pangan", "Pendidikan")
    assert options.missing_year
    sample_like = filter_options(make_records(), make_dataset().reference)
    assert sample_like.tahapan == STAGES and NO_OPD not in sample_like.opd
    both = filter_options(mixed.records, mixed.reference, mixed.kecamatan_long, mixed.stages)
    # URL values are matched as the panel offers them (case aside); unknown ones are dropped.
    asked = Filters(tahapan=("penerapan", "tahap belum diisi", "x"), urusan=("KESEHATAN", "y"), no_year=True)
    assert sanitize_filters(asked, both) == Filters(
        tahapan=("Penerapan", NO_STAGE), urusan=("Kesehatan",), no_year=True
    )
    with_years = filter_options(make_records().iloc[:3], make_dataset().reference)
    assert not sanitize_filters(Filters(no_year=True), with_years).no_year  # nothing lacks a year


# ------------------------------------------------------------------------------------------ URL
@pytest.mark.parametrize(
    ("query", "filters", "canonical"),
    [
        ({"opd": "OPD belum diisi"}, Filters(opd=(NO_OPD,)), {"opd": "OPD belum diisi"}),
        ({"tahap": "Tahap belum diisi|Penerapan"}, Filters(tahapan=(NO_STAGE, "Penerapan")), None),
        ({"kec": "Tidak disebut"}, Filters(kecamatan=(NOT_STATED,)), None),
        ({"tahun": "Tahun belum diisi"}, Filters(no_year=True), None),
        ({"tahun": "  tahun   BELUM diisi "}, Filters(no_year=True), {"tahun": NO_YEAR}),
        ({"urusan": "Kesehatan|Pangan"}, Filters(urusan=("Kesehatan", "Pangan")), None),
        ({"tahun": "belum"}, Filters(), {}),
    ],
)
def test_missing_values_in_the_url(query, filters, canonical):
    parsed = filters_from_query(query)
    assert parsed == filters
    assert filters_to_query(parsed) == (query if canonical is None else canonical)


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        ("opd", {"tahun": "2019-2021", "opd": "OPD belum diisi", "urusan": "Pangan"}),
        ("tahapan", {"tahun": "2019-2021", "opd": "Dinas A", "tahap": "Tahap belum diisi", "urusan": "Pangan"}),
        ("kecamatan", {"tahun": "2019-2021", "opd": "Dinas A", "kec": "Tidak disebut", "urusan": "Pangan"}),
        ("tahun", {"tahun": "Tahun belum diisi", "opd": "Dinas A", "urusan": "Pangan"}),
    ],
)
def test_a_completeness_link_keeps_the_other_filters(dimension, expected):
    current = Filters(tahun=(2019, 2021), opd=("Dinas A",), urusan=("Pangan",))
    assert filters_to_query(missing_filters(current, dimension)) == expected


def test_filters_in_words_name_the_model_and_the_gaps():
    table = [
        (Filters(tahapan=("Delivery",)), "id", "Tahapan 5D: Delivery"),
        (Filters(tahapan=("Penerapan", NO_STAGE)), "en", "IID stage: Penerapan, No stage given"),
        (Filters(tahapan=("Design", "Uji Coba")), "id", "Tahapan (5D/IID): Design, Uji Coba"),
        (Filters(opd=(NO_OPD,), no_year=True), "en", "No year given · Agency (OPD): No agency given"),
        (Filters(urusan=("Kesehatan",)), "id", "Urusan: Kesehatan"),
    ]
    assert [describe_filters(f, lang) for f, lang, _ in table] == [text for _, _, text in table]
    assert stage_filter_label(StageScheme(("5d", "iid")), "en") == "Stage (5D/IID)"


# -------------------------------------------------------------------------------- aggregations
def test_iid_funnel_with_its_gap(iid):
    funnel = aggregate.stage_funnel(iid.records, "iid", iid.stages)
    assert funnel["jumlah"].to_dict() == fx.IID_STAGE_COUNTS
    assert funnel["mencapai"].tolist() == [6, 4, 3, 0]  # reached at least Inisiatif, Uji Coba, Penerapan
    assert funnel["persen"].sum() == pytest.approx(1.0)
    assert aggregate.stage_funnel(iid.records, "5d", iid.stages)["jumlah"].to_dict() == {
        **dict.fromkeys(STAGES, 0),
        NO_STAGE: 2,
    }


def test_mixed_funnels_mark_the_derived_stage(mixed):
    five = aggregate.stage_funnel(mixed.records, "5d", mixed.stages)
    assert five["jumlah"].to_dict() == fx.MIXED_5D
    assert five["turunan"].to_dict() == {**dict.fromkeys(fx.MIXED_5D, 0), "Delivery": 1}
    assert aggregate.stage_funnel(mixed.records, "iid", mixed.stages)["jumlah"].to_dict() == fx.MIXED_IID


def test_opd_matrix_counts_the_no_opd_row_last(iid):
    matrix = aggregate.opd_stage_matrix(iid.records, iid.reference, include_zero=False, scheme=iid.stages)
    assert matrix["jumlah"].to_dict() == fx.IID_OPD_COUNTS
    assert matrix.index[-1] == NO_OPD and matrix.loc[NO_OPD, "jenis"] == aggregate.GAP_KIND
    assert matrix.loc[NO_OPD, ["Penerapan", NO_STAGE]].tolist() == [1, 1]  # Lapor Cepat, Pasar Desa
    assert list(matrix.columns) == ["jenis", *IID_STAGES, NO_STAGE, "jumlah"]
    leading = aggregate.leading_opds(iid.records, iid.reference, n=2, scheme=iid.stages)
    assert list(leading.index) == ["Badan B", "Dinas A", NO_OPD]  # the gap follows the top n


def test_stacked_tables_have_a_column_per_stage_key_and_the_derived_part(mixed):
    years = aggregate.per_year_stage(mixed.records, scheme=mixed.stages)
    assert list(years.columns) == [*STAGES, *IID_STAGES, NO_STAGE, *map(derived_column, STAGES), "jumlah"]
    assert years.loc[2022, ["Delivery", derived_column("Delivery"), "Display", "jumlah"]].tolist() == [1, 1, 1, 2]
    kec = aggregate.kecamatan_stage_matrix(mixed.records, mixed.reference, mixed.kecamatan_long, mixed.stages)
    assert kec.loc["Cibadak", ["Delivery", derived_column("Delivery"), "jumlah"]].tolist() == [1, 1, 1]
    assert int(kec.loc[NOT_STATED, "jumlah"]) == 1 + 5  # the 5D fixture's one, the IID records' five
    stacked = kec[[*mixed.stages.columns]].sum(axis=1)
    assert (stacked == kec["jumlah"]).all()  # derived parts are inside their stage, not added


def test_urusan_maturity_and_completeness(iid):
    assert aggregate.count_per_urusan(iid.records)["jumlah"].to_dict() == fx.IID_URUSAN
    assert aggregate.count_without(iid.records, "urusan") == 1
    bands = aggregate.maturity_bands(iid.records)
    assert {k: v for k, v in bands["jumlah"].items() if v} == fx.IID_BANDS
    assert list(bands.index)[:3] == ["0-9", "10-19", "20-29"] and len(bands) == 12  # 0 to 119, empty bands too
    gaps = aggregate.completeness(iid.records)
    assert gaps["kosong"].to_dict() == fx.IID_GAPS and set(gaps["dari"]) == {8}
    assert aggregate.count_per_urusan(make_records().drop(columns=["urusan"])).empty
    assert aggregate.maturity_bands(make_records()).empty


def test_implemented_counts_penerapan_as_delivery(iid, mixed):
    # IID: Penerapan; mixed: Delivery (two reported, one derived), Display, Penerapan with no 5D stage.
    table = [(iid, 3), (mixed, 3 + 2 + 3)]
    got = [
        int(aggregate.kpis(d.records, d.reference, d.kecamatan_long).loc["delivery_display", "nilai"]) for d, _ in table
    ]
    assert got == [n for _, n in table]


# -------------------------------------------------------------------------------------- figures
def test_stage_colours_of_both_models_stay_apart_for_colour_blind_viewers():
    """A mixed workbook stacks 5D and IID stages in one bar: the eight colours and the gap's grey
    stay at least 15 CIELAB units apart under every simulated colour-vision deficiency."""
    colours = [*STAGE_COLORS.values(), *IID_STAGE_COLORS.values(), GAP_COLOR]
    assert list(STAGE_KEY_COLORS.values()) == colours and len(set(colours)) == 9
    for vision, matrix in _CVD.items():
        labs = [_lab(np.clip(matrix @ _srgb_to_linear(_hex(c)), 0, 1)) for c in colours]
        closest = min(np.linalg.norm(a - b) for a, b in itertools.combinations(labs, 2))
        assert closest >= 15, (vision, closest)


def test_funnel_and_bars_of_iid_end_with_a_grey_gap(iid):
    funnel = aggregate.stage_funnel(iid.records, "iid", iid.stages)
    for figure in (stage_funnel_figure(funnel, lang="en"), stage_bar_figure(funnel, lang="en")):
        trace = figure.data[0]
        stages = [row[0] for row in trace.customdata]
        counts = trace.x if trace.type == "funnel" else trace.y
        assert dict(zip(stages, (int(v) for v in counts), strict=True)) == fx.IID_STAGE_COUNTS
        assert list(trace.marker.color) == [*IID_STAGE_COLORS.values(), GAP_COLOR]
        labels = trace.y if trace.type == "funnel" else trace.x
        assert list(labels)[-1] == "No stage given"
    assert (
        stage_funnel_figure(funnel, lang="id")
        .layout.title.text.replace("<br>", " ")
        .startswith("38% inovasi (3 dari 8) sudah sampai Penerapan")
    )


def test_derived_stages_are_named_in_legend_hover_and_labels(mixed):
    funnel = aggregate.stage_funnel(mixed.records, "5d", mixed.stages)
    trace = stage_funnel_figure(funnel, lang="id").data[0]
    assert "Delivery (turunan dari IID)" in trace.y
    assert "3 (30%) · 1 turunan dari IID" in trace.text
    matrix = aggregate.opd_stage_matrix(mixed.records, mixed.reference, scheme=mixed.stages)
    bars = {t.name: t for t in opd_stage_figure(matrix, lang="id").data if t.type == "bar"}
    derived = bars["Delivery (turunan dari IID)"]
    assert derived.marker.pattern.shape == "/" and derived.marker.color == STAGE_COLORS["Delivery"]
    assert "Delivery (turunan dari IID)" in derived.hovertemplate
    rows = [row[0] for row in derived.customdata]
    assert dict(zip(rows, derived.x, strict=True))["Dinas C"] == 1 and sum(derived.x) == 1
    assert sum(bars["Delivery"].x) == 2  # the reported ones, the derived one apart


def test_the_no_opd_row_is_one_grey_bar(iid):
    matrix = aggregate.opd_stage_matrix(iid.records, iid.reference, scheme=iid.stages)
    figure = opd_stage_figure(matrix, lang="en")
    gap = next(t for t in figure.data if t.name == "No agency given")
    names = [row[0] for row in gap.customdata]
    assert gap.marker.color == GAP_COLOR and dict(zip(names, gap.x, strict=True))[NO_OPD] == 2
    assert sum(gap.x) == 2  # only the gap row
    stage_bars = [t for t in figure.data if t.type == "bar" and t.name != "No agency given"]
    assert all(dict(zip(names, t.x, strict=True))[NO_OPD] == 0 for t in stage_bars)
    assert figure.layout.title.text.replace("<br>", " ") == "3 of 5 agencies have innovated"  # reference OPDs only
    leading = aggregate.leading_opds(iid.records, iid.reference, scheme=iid.stages)
    assert (
        leading_opd_figure(leading, lang="id").layout.title.text.replace("<br>", " ")
        == "OPD terdepan: Badan B (2 inovasi)"
    )


def test_urusan_and_maturity_figures(iid):
    table = aggregate.count_per_urusan(iid.records)
    trace = urusan_figure(table, lang="id", without=1, selected=("Pangan",)).data[0]
    assert {row[0]: int(x) for row, x in zip(trace.customdata, trace.x, strict=True)} == fx.IID_URUSAN
    assert list(trace.marker.opacity) == [0.35, 0.35, 0.35, 1.0]
    bands = aggregate.maturity_bands(iid.records)
    figure = maturity_figure(bands, lang="id", median=92.0, without=2)
    assert {x: int(y) for x, y in zip(figure.data[0].x, figure.data[0].y, strict=True) if y} == fx.IID_BANDS
    assert figure.layout.title.text.replace("<br>", " ").startswith("Skor kematangan: median 92 (6 inovasi dinilai)")
    assert "2 inovasi tanpa skor" in figure.layout.title.subtitle.text.replace("<br>", " ")


# ----------------------------------------------------------------------------------------- views
def test_ringkasan_follows_the_data(iid, mixed):
    table = [
        (make_dataset(), ("funnel",), True, False, "Sampai Delivery/Display"),
        (iid, ("funnel_iid",), True, True, "Sampai Penerapan"),
        (mixed, ("funnel", "funnel_iid"), True, True, "Sudah diterapkan"),
    ]
    got = []
    for dataset, *_ in table:
        view = ringkasan_view(select(dataset, Filters()), "id")
        got.append(
            (
                tuple(c.key for c in view.stages),
                view.urusan is not None,
                view.maturity is not None,
                view.cards[-1].label,
            )
        )
    assert got == [tuple(row[1:]) for row in table]


def test_completeness_gaps_open_exactly_what_they_count(iid):
    selection = select(iid, Filters(urusan=("Kesehatan",)))
    gaps = ringkasan_view(selection, "en").gaps
    assert [(g.dimension, g.count) for g in gaps] == [("opd", 1), ("tahapan", 0), ("kecamatan", 3), ("tahun", 1)]
    for gap in gaps:
        assert len(apply_filters(iid, gap.filters)) == gap.count, gap.dimension
        assert gap.filters.urusan == ("Kesehatan",)

"""Aggregations, filters, the URL round trip and cross-filter, against counts worked out by hand
on the fixture of ``tests/dash_fixture.py``."""

from __future__ import annotations

import pandas as pd
import pytest

from lebak_dash.analysis import aggregate
from lebak_dash.analysis.aggregate import (
    OTHER_KIND,
    count_per_kecamatan,
    count_per_stage,
    count_without_year,
    explode_kecamatan,
    kecamatan_map_frame,
    kecamatan_stage_matrix,
    kecamatan_without_innovation,
    leading_opds,
    opd_stage_matrix,
    opds_without_innovation,
    per_year_stage,
    present_values,
    stage_funnel,
)
from lebak_dash.analysis.filters import Filters, apply_filters, filter_options, sanitize_filters
from lebak_dash.analysis.listing import list_frame, search_records, search_text
from lebak_dash.analysis.query import apply_selection, filters_from_query, filters_to_query
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES
from lebak_dash.views.daftar import innovation_details

from .dash_fixture import LN, make_dataset, make_reference


@pytest.fixture(scope="module")
def ds():
    return make_dataset()


@pytest.fixture(scope="module")
def ref():
    return make_reference()


@pytest.fixture(scope="module")
def options(ds):
    return filter_options(ds.records, ds.reference, ds.kecamatan_long)


# ------------------------------------------------------------------------------------- filters
def test_apply_filters(ds):
    """Each filter alone and combined, on the Dataset's kept table and on a bare frame (exploded on
    the fly): every row gives the same records both ways."""
    table = [
        (Filters(), {0, 1, 2, 3, 4, 5, 6}),
        (Filters(opd=("Dinas A",)), {0, 1, 2}),
        (Filters(opd=("Dinas C",)), set()),
        (Filters(tahun=(2020, 2021)), {1, 2, 3, 5}),  # #4 has no year: out while a range is set
        (Filters(tahun=(2019, 2019)), {0}),
        (Filters(kecamatan=("Maja",)), {0, 1, 2, 5}),  # + #2, kabupaten-wide, applies in Maja too
        (Filters(kecamatan=("Maja",), kabupaten_wide=False), {0, 1, 5}),
        (Filters(kecamatan=("Bayah", "Maja"), kabupaten_wide=False), {0, 1, 4, 5}),
        (Filters(kecamatan=(KABUPATEN_WIDE,)), {2}),
        (Filters(kecamatan=(NOT_STATED,)), {3}),
        (Filters(kecamatan=("Atlantis",), kabupaten_wide=False), {6}),
        (Filters(kecamatan=("Cibadak",), kabupaten_wide=False), set()),
        (Filters(tahapan=("Delivery", "Display")), {1, 2, 4, 6}),
        (Filters(jenis=("Digital",)), {0, 2, 3, 6}),
        (Filters(bentuk=(LN,)), {3}),
        (Filters(opd=("Dinas A",), tahapan=("Display",)), {2}),
        (Filters(opd=("Dinas A", "Badan B"), kecamatan=("Bayah",), kabupaten_wide=False), {1, 4}),
    ]
    got = [(f, set(apply_filters(ds, f).index), set(apply_filters(ds.records, f).index)) for f, _ in table]
    assert got == [(f, expected, expected) for f, expected in table]


def test_apply_filters_without_filter_returns_the_same_frame(ds):
    assert apply_filters(ds, Filters()) is ds.records


def test_filters_normalise():
    f = Filters(opd=["B", "A", "B", " "], tahun=(2022, 2019), tahapan="Design")
    assert f.opd == ("B", "A") and f.tahun == (2019, 2022) and f.tahapan == ("Design",)
    assert f.active == ("tahun", "opd", "tahapan") and not f.is_empty
    assert Filters().is_empty and Filters(kabupaten_wide=False).is_empty
    assert f.without("opd", "tahun") == Filters(tahapan=("Design",))
    assert f.with_values("tahun", [2021, 2019, 2020]).tahun == (2019, 2021)
    assert f.with_values("tahun", []).tahun is None
    assert hash(f) == hash(Filters(opd=("B", "A"), tahun=(2019, 2022), tahapan=("Design",)))


def test_filter_options(options, ref):
    assert options.years == (2019, 2022)
    assert options.opd == ("Dinas A", "Dinas C", "Badan B", "Kecamatan Maja", "Kecamatan Bayah", "OPD Baru")
    assert options.kecamatan == ("Maja", "Bayah", "Cibadak", "Atlantis", KABUPATEN_WIDE, NOT_STATED)
    assert options.tahapan == STAGES
    assert options.jenis == ("Digital", "Non Digital")
    assert options.bentuk == (
        "Inovasi Pelayanan Publik",
        "Inovasi Tata Kelola Pemerintahan Daerah",
        "Inovasi Daerah Lainnya",
    )
    assert options.kinds["OPD Baru"] == OTHER_KIND and options.kinds["Dinas A"] == "Dinas"


def test_sanitize_filters(options, ref):
    table = [
        (Filters(opd=("dinas a", "DB", "BB", "Nope")), Filters(opd=("Dinas A", "Badan B"))),
        (Filters(kecamatan=("kec. maja", "MAJA", "Mars")), Filters(kecamatan=("Maja",))),
        (Filters(tahapan=("display", "3", "Selesai")), Filters(tahapan=("Display", "Design"))),
        (Filters(tahun=(1990, 2020)), Filters(tahun=(2019, 2020))),
        (Filters(tahun=(2019, 2022)), Filters()),  # the whole range is no restriction
        (Filters(tahun=(2030, 2040)), Filters()),  # no overlap: ignored
        (Filters(jenis=("digital", "Analog")), Filters(jenis=("Digital",))),
    ]
    assert [(f, sanitize_filters(f, options, ref)) for f, _ in table] == table


# ---------------------------------------------------------------------------------- URL round trip
def test_url_round_trip():
    table = [
        Filters(),
        Filters(tahun=(2019, 2021)),
        Filters(tahun=(2020, 2020)),
        Filters(opd=("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Dinas A")),
        Filters(kecamatan=("Maja", KABUPATEN_WIDE, NOT_STATED), kabupaten_wide=False),
        Filters(tahapan=("Delivery", "Display"), jenis=("Non Digital",), bentuk=(LN,)),
        Filters(opd=("A & B = C?",), kecamatan=("Cileles",), tahun=(2018, 2026)),
    ]
    for filters in table:
        query = filters_to_query(filters)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items()), query
    assert [filters_from_query(filters_to_query(f)) for f in table] == table


def test_url_leaves_defaults_out():
    assert filters_to_query(Filters()) == {}
    assert filters_to_query(Filters(tahun=(2020, 2020), kabupaten_wide=False)) == {"tahun": "2020", "semua": "0"}


def test_filters_from_junk_query():
    table = [
        ({"tahun": "2021-2019"}, Filters(tahun=(2019, 2021))),
        ({"tahun": "2020"}, Filters(tahun=(2020, 2020))),
        ({"tahun": "abc"}, Filters()),
        ({"tahun": "99999"}, Filters()),
        ({"tahun": "1066-2020"}, Filters()),
        ({"tahun": ["2018", "2020"]}, Filters(tahun=(2020, 2020))),  # repeated: the last counts
        ({"opd": "A|| B |"}, Filters(opd=("A", "B"))),
        ({"opd": "A|A"}, Filters(opd=("A",))),
        ({"kec": "\x00x|Maja"}, Filters(kecamatan=("Maja",))),
        ({"tahap": 5, "opd": None}, Filters()),
        ({"semua": "0"}, Filters(kabupaten_wide=False)),
        ({"semua": "TIDAK"}, Filters(kabupaten_wide=False)),
        ({"semua": "1"}, Filters()),
        ({"semua": "<script>"}, Filters()),
        ({"utm_source": "wa", "embed": "true"}, Filters()),
        ({}, Filters()),
    ]
    assert [(query, filters_from_query(query)) for query, _ in table] == table


def test_query_is_bounded():
    huge = "|".join(f"v{i}" for i in range(5000))
    parsed = filters_from_query({"opd": huge, "kec": "x" * 100_000})
    assert len(parsed.opd) <= 200
    assert len(parsed.kecamatan[0]) <= 4000


# ----------------------------------------------------------------------------------- cross-filter
def _event(*points):
    return {"selection": {"points": list(points), "point_indices": list(range(len(points))), "box": [], "lasso": []}}


class _State:
    """Stands in for Streamlit's PlotlyState (attribute access)."""

    def __init__(self, selection):
        self.selection = selection


def test_apply_selection(options):
    table = [
        (Filters(), "opd", _event({"customdata": ["Dinas A", "Delivery"], "y": "Dinas A"}), Filters(opd=("Dinas A",))),
        (
            Filters(tahapan=("Display",)),
            "opd",
            _event({"customdata": ["Dinas A", "Display"]}, {"customdata": ["Badan B", "Design"]}),
            Filters(tahapan=("Display",), opd=("Dinas A", "Badan B")),
        ),
        (Filters(), "opd", _event({"label": "Badan B", "x": 3}), Filters(opd=("Badan B",))),
        (Filters(opd=("Dinas A",)), "opd", _event(), Filters()),  # double click clears: the way back
        (Filters(opd=("Dinas A",)), "opd", _event({"customdata": ["Mars"]}), Filters(opd=("Dinas A",))),
        (Filters(), "tahapan", _event({"customdata": ["Delivery"]}), Filters(tahapan=("Delivery",))),
        (Filters(), "kecamatan", _event({"customdata": ["Maja", 3]}), Filters(kecamatan=("Maja",))),
        (Filters(), "kecamatan", _event({"customdata": [KABUPATEN_WIDE]}), Filters(kecamatan=(KABUPATEN_WIDE,))),
        (Filters(), "tahun", _event({"customdata": [2020, "Display"]}), Filters(tahun=(2020, 2020))),
        (Filters(), "tahun", _event({"customdata": [2021]}, {"customdata": [2019]}), Filters(tahun=(2019, 2021))),
        (Filters(), "tahun", _event({"customdata": ["20x0"]}), Filters()),
        (Filters(tahun=(2019, 2019)), "tahun", _event({"customdata": [1800]}), Filters(tahun=(2019, 2019))),
        (Filters(), "opd", {"points": [{"customdata": "Dinas A"}]}, Filters(opd=("Dinas A",))),
        (Filters(), "opd", _State({"points": [{"customdata": ["Badan B"]}]}), Filters(opd=("Badan B",))),
        (Filters(opd=("Dinas A",)), "opd", None, Filters()),
    ]
    got = [(before, dim, apply_selection(before, dim, event, options)) for before, dim, event, _ in table]
    assert got == [(before, dim, after) for before, dim, _, after in table]


def test_apply_selection_without_options_takes_values_as_given():
    event = _event({"customdata": ["Anything"]})
    assert apply_selection(Filters(), "opd", event) == Filters(opd=("Anything",))


def test_apply_selection_rejects_unknown_dimension():
    with pytest.raises(ValueError, match="dimension"):
        apply_selection(Filters(), "nama", _event())


def test_selection_then_filter_is_what_the_other_charts_show(ds, options):
    after = apply_selection(Filters(), "opd", _event({"customdata": ["Badan B", "Design"]}), options)
    shown = apply_filters(ds, after)
    assert count_per_stage(shown).to_dict() == {
        "Drum-up": 0,
        "Diagnose": 0,
        "Design": 1,
        "Delivery": 1,
        "Display": 0,
    }


# ---------------------------------------------------------------------------------- aggregations
def test_kpis(ds, ref):
    kpis = aggregate.kpis(ds.records, ref, ds.kecamatan_long)
    assert kpis.loc["inovasi", ["nilai", "dari"]].tolist() == [7, 7]
    assert kpis.loc["opd", ["nilai", "dari"]].tolist() == [3, 5]  # Dinas A, Badan B, Kecamatan Maja
    assert kpis.loc["kecamatan", ["nilai", "dari"]].tolist() == [2, 3]  # Maja, Bayah (not Atlantis)
    assert kpis.loc["delivery_display", ["nilai", "dari"]].tolist() == [4, 7]
    assert kpis.loc["delivery_display", "persen"] == pytest.approx(4 / 7)
    assert kpis.loc["opd", "persen"] == pytest.approx(3 / 5)


def test_kpis_of_a_subset_use_the_kept_table(ds, ref):
    subset = apply_filters(ds, Filters(opd=("Badan B",)))
    kpis = aggregate.kpis(subset, ref, ds.kecamatan_long)
    assert kpis["nilai"].tolist() == [2, 1, 1, 1]  # 2 innovations; 1 OPD; Bayah; 1 in Delivery


def test_kpis_of_nothing(ds, ref):
    kpis = aggregate.kpis(ds.records.iloc[:0], ref, ds.kecamatan_long)
    assert kpis["nilai"].tolist() == [0, 0, 0, 0]
    assert pd.isna(kpis.loc["delivery_display", "persen"])


def test_stage_funnel(ds):
    funnel = stage_funnel(ds.records)
    assert list(funnel.index) == list(STAGES)
    assert funnel["jumlah"].tolist() == [1, 1, 1, 2, 2]
    assert funnel["mencapai"].tolist() == [7, 6, 5, 4, 2]
    assert funnel["persen"].sum() == pytest.approx(1.0)
    assert funnel.loc["Delivery", "persen_mencapai"] == pytest.approx(4 / 7)


def test_per_year_stage(ds):
    table = per_year_stage(ds.records)
    assert list(table.index) == [2019, 2020, 2021, 2022]
    assert list(table.columns) == [*STAGES, "jumlah"]
    assert table.loc[2019].tolist() == [1, 0, 0, 0, 0, 1]
    assert table.loc[2020].tolist() == [0, 0, 0, 1, 1, 2]
    assert table.loc[2021].tolist() == [0, 1, 1, 0, 0, 2]
    assert table.loc[2022].tolist() == [0, 0, 0, 0, 1, 1]
    assert count_without_year(ds.records) == 1


def test_per_year_stage_keeps_empty_years_of_the_range(ds):
    table = per_year_stage(ds.records[ds.records["tahun"].isin([2019, 2022]).fillna(False)], years=(2018, 2023))
    assert list(table.index) == list(range(2018, 2024))
    assert table["jumlah"].tolist() == [0, 1, 0, 0, 1, 0]
    assert per_year_stage(ds.records.iloc[:0]).empty


def test_opd_stage_matrix_grouped_by_kind(ds, ref):
    table = opd_stage_matrix(ds.records, ref)
    assert list(table.index) == ["Dinas A", "Dinas C", "Badan B", "Kecamatan Maja", "Kecamatan Bayah", "OPD Baru"]
    assert table["jenis"].tolist() == ["Dinas", "Dinas", "Badan", "Kecamatan", "Kecamatan", OTHER_KIND]
    assert table["jumlah"].tolist() == [3, 0, 2, 1, 0, 1]
    assert table.loc["Dinas A", list(STAGES)].tolist() == [1, 0, 0, 1, 1]
    assert table.loc["Badan B", list(STAGES)].tolist() == [0, 0, 1, 1, 0]


def test_opd_stage_matrix_orders(ds, ref):
    table = [
        (
            {"by_kind": False},
            ["Dinas A", "Badan B", "Kecamatan Maja", "OPD Baru", "Dinas C", "Kecamatan Bayah"],
        ),
        (
            {"by_kind": False, "sort": "nama"},
            ["Badan B", "Dinas A", "Dinas C", "Kecamatan Bayah", "Kecamatan Maja", "OPD Baru"],
        ),
        ({"include_zero": False}, ["Dinas A", "Badan B", "Kecamatan Maja", "OPD Baru"]),
        (
            {"sort": "nama"},
            ["Dinas A", "Dinas C", "Badan B", "Kecamatan Bayah", "Kecamatan Maja", "OPD Baru"],
        ),
    ]
    got = [(kwargs, list(opd_stage_matrix(ds.records, ref, **kwargs).index)) for kwargs, _ in table]
    assert got == table


def test_leading_opds(ds, ref):
    top = leading_opds(ds.records, ref, n=2)
    assert list(top.index) == ["Dinas A", "Badan B"]
    assert top["jumlah"].tolist() == [3, 2]


def test_no_innovation_lists(ds, ref):
    opds = opds_without_innovation(ds.records, ref)
    assert opds.to_dict("records") == [
        {"opd": "Dinas C", "jenis": "Dinas"},
        {"opd": "Kecamatan Bayah", "jenis": "Kecamatan"},
    ]
    kec = kecamatan_without_innovation(ds.records, ref, ds.kecamatan_long)
    assert kec.to_dict("records") == [{"kode": "36.02.03", "kecamatan": "Cibadak"}]
    # Within a filter: only Badan B's innovations -> Maja is no longer named.
    subset = apply_filters(ds, Filters(opd=("Badan B",)))
    assert kecamatan_without_innovation(subset, ref, ds.kecamatan_long)["kecamatan"].tolist() == ["Maja", "Cibadak"]
    assert "Dinas A" in opds_without_innovation(subset, ref)["opd"].tolist()


def test_kecamatan_stage_matrix(ds, ref):
    table = kecamatan_stage_matrix(ds.records, ref, ds.kecamatan_long)
    assert list(table.index) == ["Maja", "Bayah", "Cibadak", "Atlantis", KABUPATEN_WIDE, NOT_STATED]
    assert table["jumlah"].tolist() == [3, 2, 0, 1, 1, 1]
    assert table.loc["Maja", list(STAGES)].tolist() == [1, 1, 0, 1, 0]
    assert table.loc["Bayah", list(STAGES)].tolist() == [0, 0, 0, 2, 0]
    assert table["baris"].tolist() == ["kecamatan", "kecamatan", "kecamatan", "tidak_dikenal", "semua", "tidak_disebut"]
    # The contract's per-kecamatan counts agree.
    assert table["jumlah"].to_dict() == count_per_kecamatan(ds.records, ref).to_dict()


def test_kecamatan_map_frame(ds, ref):
    frame = kecamatan_map_frame(ds.records, ref, ds.kecamatan_long)
    assert frame["kecamatan"].tolist() == ["Maja", "Bayah", "Cibadak"]
    assert frame["jumlah"].tolist() == [3, 2, 0]
    assert {"lat", "lon", "kode"} <= set(frame.columns)


def test_explode_kecamatan(ds):
    long = explode_kecamatan(ds.records)
    assert long["record"].tolist() == [0, 1, 1, 2, 3, 4, 5, 6]
    assert long["kecamatan"].astype(str).tolist() == [
        "Maja",
        "Maja",
        "Bayah",
        KABUPATEN_WIDE,
        NOT_STATED,
        "Bayah",
        "Maja",
        "Atlantis",
    ]
    assert isinstance(long["kecamatan"].dtype, pd.CategoricalDtype)


def test_aggregations_do_not_mutate_the_records(ds, ref):
    before = ds.records.copy(deep=True)
    aggregate.kpis(ds.records, ref, ds.kecamatan_long)
    opd_stage_matrix(ds.records, ref)
    kecamatan_stage_matrix(ds.records, ref, ds.kecamatan_long)
    list_frame(ds.records, ds.extra_columns)
    pd.testing.assert_frame_equal(ds.records, before)


# ---------------------------------------------------------------------------------------- search
def test_search_records(ds):
    """Every word must be found, case ignored, plain text (no pattern); a subset searched with the
    search text kept from load gives the same answer for its rows."""
    table = [
        ("", {0, 1, 2, 3, 4, 5, 6}),
        ("sehat", {0, 1}),  # "Aplikasi Sehat" and urusan "Kesehatan"
        ("APLIKASI SEHAT", {0}),
        ("dinas a maja", {0, 1}),
        ("bayah", {1, 4}),
        ("2021", {3, 5}),
        ("(", set()),
        (".*", set()),
        ("kesehatan delivery", {1}),
        ("k6", {6}),
    ]
    haystack = search_text(ds.records)
    subset = ds.records.iloc[:4]
    got = [
        (query, set(search_records(ds.records, query).index), set(search_records(subset, query, haystack).index))
        for query, _ in table
    ]
    assert got == [(query, expected, expected & {0, 1, 2, 3}) for query, expected in table]


def test_list_frame_has_every_column(ds):
    frame = list_frame(ds.records, ds.extra_columns)
    assert frame.columns[:2].tolist() == ["kode", "nama"]
    assert "Catatan Bappeda" in frame.columns and frame.columns[-2:].tolist() == ["sumber_sheet", "sumber_baris"]
    assert frame["kecamatan"].tolist()[:4] == ["Maja", "Maja, Bayah", KABUPATEN_WIDE, ""]


def test_list_frame_leaves_no_text_cell_missing(ds):
    # The grid would print "None" in the Indonesian table; numbers and dates keep their type.
    records = ds.records.copy()
    records.loc[0, "Catatan Bappeda"] = None
    frame = list_frame(records, ds.extra_columns)
    assert frame.loc[0, "Catatan Bappeda"] == ""
    text = [c for c in frame.columns if c not in ("anggaran", "tahun", "tanggal_mulai", "sumber_baris")]
    assert not frame[text].isna().any().any()
    assert frame["anggaran"].isna().any() and pd.api.types.is_numeric_dtype(frame["anggaran"])
    assert pd.api.types.is_datetime64_any_dtype(frame["tanggal_mulai"])


def test_innovation_details(ds):
    details = innovation_details(ds.records.loc[0], ds.extra_columns).set_index("kunci")["isi"]
    assert details["anggaran"] == "Rp 15.000.000"
    assert details["tanggal_mulai"] == "28 November 2019"
    assert details["tahun"] == "2019"
    assert details["Catatan Bappeda"] == "ok"
    assert details["sumber_baris"] == "3"
    assert innovation_details(ds.records.loc[3]).set_index("kunci").loc["kecamatan", "isi"] == NOT_STATED
    english = innovation_details(ds.records.loc[0], lang="en").set_index("kunci")["kolom"]
    assert english["tanggal_mulai"] == "Start date"


def test_present_values():
    table = [
        (pd.Series(["a", "b", None], dtype="category"), {"a", "b"}),
        (pd.Series(pd.Categorical(["a"], categories=["a", "unused"])), {"a"}),
        (pd.Series(["x", "x", None], dtype="str"), {"x"}),
        (pd.Series([], dtype="category"), set()),
    ]
    assert [present_values(values) for values, _ in table] == [expected for _, expected in table]

"""Referensi's region part: the region (kind, name, code, time zone) and its kecamatan list.

Everyone sees the active region and kecamatan list (downloaded as CSV above, with the OPD list;
the file as uploaded with ``kecamatan-list export``).
Editors set the region (one form; the store versions and audits it, and the data re-keys by
itself), upload a kecamatan list (CSV or xlsx, read in the isolated worker: the names that come
and go and what the active data would look like read with it are shown before "Terapkan", as for
an OPD list, :mod:`lebak_dash.ui.upload_flow`), and activate an earlier list after a confirmation.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.reference import Reference, load_reference
from lebak_dash.records.region import KINDS, RegionError, make_region
from lebak_dash.store import KecamatanCandidate, KecamatanVersion, StoreError
from lebak_dash.ui.access import editor_for_action
from lebak_dash.ui.activation_flow import ActivationFlow
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import Applied, DataContext, say_later, show_diff, show_later, table
from lebak_dash.ui.text import escape_markdown
from lebak_dash.ui.upload_flow import Pending, UploadFlow
from lebak_dash.views import data_tables
from lebak_dash.views.region_tables import kecamatan_label, kecamatan_versions_frame, region_facts

OUTCOME_KEY = "_lebak_region_outcome"
#: Time zones offered (Indonesia's three); the command line takes any IANA name.
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
WIDGETS = {"kind": "region_kind", "name": "region_name", "code": "region_code", "zone": "region_zone"}


def _check(ctx: DataContext, data: bytes, filename: str) -> KecamatanCandidate:
    st.write(t("referensi.step_reimport", ctx.lang))
    return ctx.store.check_kecamatan(data, filename)


def _apply(candidate: KecamatanCandidate, editor: str, note: str, lang: str) -> Applied:
    version = get_store().add_kecamatan(candidate, by=editor, note=note)
    return Applied(
        t("region.list_applied", lang, number=version.number, count=version.kecamatan_count),
        ("ringkasan:unggah.to_dashboard",),
    )


FLOW: UploadFlow[KecamatanCandidate] = UploadFlow(
    name="kecamatan_list",
    widget="kec",
    default_filename="kecamatan.csv",
    status_keys=("region.checking", "region.checked"),
    check=_check,
    apply=_apply,
)


def _activate(number: int, editor: str, expected: int, lang: str) -> Applied:
    store = get_store()
    store.activate_kecamatan(number, by=editor, expected_active=expected)
    version = next((v for v in store.kecamatan_versions() if v.number == number), None)
    label = kecamatan_label(version, lang)
    return Applied(t("region.list_activated", lang, label=escape_markdown(label)), ("ringkasan:unggah.to_dashboard",))


ACTIVATION = ActivationFlow(
    name="kecamatan_activate",
    widget="kec",
    outcome_key=FLOW.outcome_key,
    current=lambda: get_store().kecamatan_lists.active_number() or 0,
    activate=_activate,
    conflict=lambda _exc, lang: t("region.list_changed", lang),
)


def _on_set_region(expected: int, lang: str) -> None:
    editor = editor_for_action(lang)
    if editor is None:
        return
    ss = st.session_state
    try:
        region = make_region(
            str(ss.get(WIDGETS["kind"]) or ""),
            str(ss.get(WIDGETS["name"]) or ""),
            str(ss.get(WIDGETS["code"]) or ""),
            str(ss.get(WIDGETS["zone"]) or ""),
        )
        version = get_store().set_region(region, by=editor, expected=expected)
    except (RegionError, StoreError) as exc:  # a message may quote what was typed: escaped
        say_later(OUTCOME_KEY, "error", escape_markdown(exc.message(lang)))
        return
    say_later(OUTCOME_KEY, "success", escape_markdown(t("region.set_done", lang, region=version.region.full_name)))


def _region_form(ctx: DataContext, reference: Reference) -> None:
    lang, region = ctx.lang, reference.region
    active = ctx.store.regions.active_number() or 0
    with st.form("region_form", border=True):
        left, middle, right, zone = st.columns([1, 2, 1, 1])
        with left:
            st.selectbox(t("region.kind", lang), KINDS, index=KINDS.index(region.kind), key=WIDGETS["kind"])
        with middle:
            st.text_input(t("region.name", lang), value=region.name, max_chars=80, key=WIDGETS["name"])
        with right:
            st.text_input(t("region.code", lang), value=region.code, max_chars=20, key=WIDGETS["code"])
        with zone:
            zones = list(dict.fromkeys([region.timezone, *ZONES]))
            st.selectbox(t("region.timezone", lang), zones, key=WIDGETS["zone"])
        st.form_submit_button(
            t("region.set", lang), on_click=_on_set_region, args=(active, lang), type="primary", key="region_set"
        )


def _proposal(pending: Pending[KecamatanCandidate], lang: str) -> None:
    candidate = pending.checked
    st.success(
        t(
            "region.list_ok",
            lang,
            count=len(candidate.table),
            added=fmt_int(len(candidate.added), lang),
            removed=fmt_int(len(candidate.removed), lang),
        )
    )
    if not candidate.reference.has_centroids:
        st.info(t("region.list_no_centroids", lang))
    left, right = st.columns(2)
    with left:
        st.markdown("### " + t("referensi.added", lang, n=fmt_int(len(candidate.added), lang)))
        table(data_tables.names_table(candidate.added, lang), key="kec_added")
    with right:
        st.markdown("### " + t("referensi.removed", lang, n=fmt_int(len(candidate.removed), lang)))
        table(data_tables.names_table(candidate.removed, lang), key="kec_removed")
    if candidate.diff is None or candidate.reimport is None:
        st.info(t("referensi.effect_none", lang))
        return
    show_diff(candidate.diff, candidate.base_version, lang, title=t("referensi.effect", lang))
    if candidate.unknown:
        st.warning(t("region.list_unknown", lang, count=candidate.unknown))


def _upload(ctx: DataContext) -> None:
    lang = ctx.lang
    st.markdown("### " + t("region.upload", lang))
    st.caption(t("region.upload_help", lang))
    uploaded = st.file_uploader(t("region.file", lang), type=["csv", "xlsx"], key=FLOW.uploader_key())
    if uploaded is None:
        FLOW.forget()
        return
    pending = FLOW.pending_for(ctx, uploaded)
    if pending is None:
        return
    _proposal(pending, lang)
    FLOW.apply_controls(pending, lang, label=t("region.list_apply", lang))


def _activation(ctx: DataContext, versions: list[KecamatanVersion]) -> None:
    lang = ctx.lang
    st.markdown("### " + t("region.list_activate", lang))
    by_number: dict[int, KecamatanVersion | None] = {v.number: v for v in versions}
    by_number[0] = None
    pending = ACTIVATION.pending()
    if pending is not None and pending.number in by_number:
        label = kecamatan_label(by_number[pending.number], lang)
        st.warning(t("region.list_confirm", lang, label=escape_markdown(label)))
        ACTIVATION.confirm_buttons(pending, lang, yes_label=t("referensi.confirm_yes", lang))
        return
    active = next((v.number for v in versions if v.active), 0)
    options = [n for n in [*(v.number for v in reversed(versions)), 0] if n != active]
    st.selectbox(
        t("referensi.activate_pick", lang),
        options=options,
        format_func=lambda n: kecamatan_label(by_number[n], lang),
        key=ACTIVATION.pick_widget,
    )
    st.button(t("referensi.activate_button", lang), key=ACTIVATION.ask_widget, on_click=ACTIVATION.on_ask, args=(lang,))


def region_section(ctx: DataContext, reference: Reference, editor: str | None) -> None:
    """Referensi's region and kecamatan part: for everyone the facts and the lists; for an editor the changes."""
    lang, store = ctx.lang, ctx.store
    st.header(t("region.title", lang))
    message = st.session_state.pop(OUTCOME_KEY, None)
    if message:
        kind, text, _links = message
        (st.success if kind == "success" else st.error)(text)
    show_later(FLOW.outcome_key, lang)
    try:
        versions = store.kecamatan_versions()
    except StoreError as exc:
        st.error(escape_markdown(exc.message(lang)))
        return
    facts = region_facts(reference.region, len(reference.kecamatan), reference.has_centroids, lang)
    st.caption(escape_markdown(facts))
    with st.expander(t("region.versions", lang, n=len(versions) + 1)):
        table(kecamatan_versions_frame(versions, len(load_reference().kecamatan), lang), key="kec_versions")
    if editor is None:
        return
    _region_form(ctx, reference)
    _upload(ctx)
    if versions:
        _activation(ctx, versions)

"""Referensi: the OPD and kecamatan lists, a corrected OPD list uploaded and applied, earlier lists, the stage map,
the region and its kecamatan list (:mod:`lebak_dash.ui.region_lists`).

Everyone sees the active lists and may download them (they are public: the template carries them
too). Editors upload a corrected OPD list: :meth:`~lebak_dash.store.Store.check_reference` shows the
names that come and go and what the active data would look like read with it (its diff); applying
it is versioned and audited by the store (the check-then-apply flow is
:mod:`lebak_dash.ui.upload_flow`, as on the upload page). Editors also activate an earlier list
(or the bundled one) after a confirmation; the confirm button carries a one-shot token too.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.reference import Reference, kecamatan_csv, load_reference
from lebak_dash.store import ReferenceCandidate, ReferenceVersion, StoreError
from lebak_dash.ui.access import current_editor, require_editor
from lebak_dash.ui.activation_flow import ActivationFlow
from lebak_dash.ui.boundaries import boundaries_section
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import Applied, DataContext, download, show_diff, show_later, table
from lebak_dash.ui.region_lists import region_section
from lebak_dash.ui.stage_map import stage_map_section
from lebak_dash.ui.text import error_text, escape_markdown
from lebak_dash.ui.upload_flow import Pending, UploadFlow
from lebak_dash.views import data_tables

OPD_FILENAME = "daftar_opd.csv"
KECAMATAN_FILENAME = "daftar_kecamatan.csv"


def _check(ctx: DataContext, data: bytes, filename: str) -> ReferenceCandidate:
    st.write(t("referensi.step_reimport", ctx.lang))
    return ctx.store.check_reference(data, filename)  # the validator's reason is a StoreError


def _apply(candidate: ReferenceCandidate, editor: str, note: str, lang: str) -> Applied:
    version = get_store().add_reference(candidate, by=editor, note=note)
    return Applied(
        t("referensi.applied", lang, number=version.number, count=version.opd_count),
        ("ringkasan:unggah.to_dashboard",),
    )


FLOW: UploadFlow[ReferenceCandidate] = UploadFlow(
    name="reference",
    widget="ref",
    default_filename="opd.csv",
    status_keys=("referensi.checking", "referensi.checked"),
    check=_check,
    apply=_apply,
)


def _activate(number: int, editor: str, expected: int, lang: str) -> Applied:
    store = get_store()
    store.activate_reference(number, by=editor, expected_active=expected)
    version = next((v for v in store.reference_versions() if v.number == number), None)
    label = data_tables.reference_label(version, lang)
    return Applied(t("referensi.activated", lang, label=escape_markdown(label)), ("ringkasan:unggah.to_dashboard",))


ACTIVATION = ActivationFlow(
    name="reference_activate",
    widget="ref",
    outcome_key=FLOW.outcome_key,
    current=lambda: get_store().active_state().reference_version or 0,
    activate=_activate,
    conflict=lambda _exc, lang: t("referensi.changed", lang),
)


# ------------------------------------------------------------------------------------ parts
def _active_caption(versions: list[ReferenceVersion], reference: Reference, lang: str) -> None:
    active = next((v for v in versions if v.active), None)
    if active is None:
        st.caption(t("referensi.active_bundled", lang, count=len(reference.opd_names)))
        return
    st.caption(
        t(
            "referensi.active_version",
            lang,
            number=active.number,
            filename=escape_markdown(active.filename),
            count=active.opd_count,
            at=fmt_datetime(active.uploaded_at, lang),
            by=escape_markdown(active.uploaded_by),
        )
    )


def _lists(ctx: DataContext, reference: Reference) -> None:
    lang, store = ctx.lang, ctx.store
    st.header(t("referensi.downloads", lang))
    left, right = st.columns(2)
    with left:
        download(
            t("referensi.download_opd", lang), lambda: store.reference_bytes(), OPD_FILENAME, "text/csv", "ref_dl_opd"
        )
    with right:
        download(
            t("referensi.download_kecamatan", lang),
            lambda: kecamatan_csv(reference.kecamatan),
            KECAMATAN_FILENAME,
            "text/csv",
            "ref_dl_kecamatan",
        )
    st.caption(t("referensi.download_note", lang))
    with st.expander(t("referensi.opd_table", lang, n=fmt_int(len(reference.opd), lang))):
        table(reference.opd, key="ref_opd")
    with st.expander(t("referensi.kecamatan_table", lang, n=fmt_int(len(reference.kecamatan), lang))):
        table(reference.kecamatan, key="ref_kecamatan")


def _proposal(pending: Pending[ReferenceCandidate], lang: str) -> None:
    """Show what a checked OPD list changes: names that come and go, the active data read with it."""
    candidate = pending.checked
    st.success(
        t(
            "referensi.ok",
            lang,
            count=len(candidate.table),
            added=fmt_int(len(candidate.added), lang),
            removed=fmt_int(len(candidate.removed), lang),
        )
    )
    left, right = st.columns(2)
    with left:
        st.markdown("### " + t("referensi.added", lang, n=fmt_int(len(candidate.added), lang)))
        table(data_tables.names_table(candidate.added, lang), key="ref_added")
    with right:
        st.markdown("### " + t("referensi.removed", lang, n=fmt_int(len(candidate.removed), lang)))
        table(data_tables.names_table(candidate.removed, lang), key="ref_removed")
    if candidate.diff is None or candidate.reimport is None:
        st.info(t("referensi.effect_none", lang))
        return
    show_diff(candidate.diff, candidate.base_version, lang, title=t("referensi.effect", lang))
    unknown = data_tables.unknown_opd_table(candidate.reimport.records, candidate.reference, lang)
    if len(unknown):
        st.markdown("### " + t("unggah.unknown_opd", lang, n=fmt_int(len(unknown), lang)))
        table(unknown, key="ref_unknown_opd")


def _upload(ctx: DataContext) -> None:
    lang = ctx.lang
    st.header(t("referensi.upload", lang))
    uploaded = st.file_uploader(t("referensi.file", lang), type=["csv"], key=FLOW.uploader_key())
    if uploaded is None:
        FLOW.forget()
        return
    pending = FLOW.pending_for(ctx, uploaded)
    if pending is None:
        return
    _proposal(pending, lang)
    FLOW.apply_controls(pending, lang, label=t("referensi.apply", lang))


def _activation(ctx: DataContext, versions: list[ReferenceVersion]) -> None:
    lang = ctx.lang
    st.header(t("referensi.activate", lang))
    by_number: dict[int, ReferenceVersion | None] = {v.number: v for v in versions}
    by_number[0] = None
    pending = ACTIVATION.pending()
    if pending is not None and pending.number in by_number:
        label = data_tables.reference_label(by_number[pending.number], lang)
        st.warning(t("referensi.confirm", lang, label=escape_markdown(label)))
        ACTIVATION.confirm_buttons(pending, lang, yes_label=t("referensi.confirm_yes", lang))
        return
    active = next((v.number for v in versions if v.active), 0)
    options = [n for n in [*(v.number for v in reversed(versions)), 0] if n != active]
    st.selectbox(
        t("referensi.activate_pick", lang),
        options=options,
        format_func=lambda n: data_tables.reference_label(by_number[n], lang),
        key=ACTIVATION.pick_widget,
    )
    st.button(t("referensi.activate_button", lang), key=ACTIVATION.ask_widget, on_click=ACTIVATION.on_ask, args=(lang,))


def reference_section(ctx: DataContext) -> None:
    """The reference page below its title."""
    lang, store = ctx.lang, ctx.store
    show_later(FLOW.outcome_key, lang)
    try:
        reference = store.reference()
        versions = store.reference_versions()
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    _active_caption(versions, reference, lang)
    _lists(ctx, reference)
    st.header(t("referensi.versions", lang))
    table(data_tables.reference_versions_frame(versions, len(load_reference().opd_names), lang), key="ref_versions")
    stage_map_section(ctx, current_editor())
    region_section(ctx, reference, current_editor())
    boundaries_section(ctx, current_editor() is not None)
    if current_editor() is None:
        st.info(t("access.viewer_hint", lang, what=t("access.need.referensi", lang)))
    if require_editor(lang, stop=False) is None:
        return
    _upload(ctx)
    if versions:
        _activation(ctx, versions)

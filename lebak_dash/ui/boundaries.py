"""Referensi: the kecamatan boundaries (the filled map's polygons): the one in use, earlier ones, an upload.

Everyone sees which boundaries are in use, with their source, and may download the file as it
was uploaded. Editors upload a GeoJSON or a zipped Shapefile: the store reads it in the isolated
worker (:meth:`~lebak_dash.store.Store.check_boundaries`), the page shows what it found (kecamatan
with and without a shape, geometries repaired), and applying it is versioned and audited (the
check-then-apply flow of :mod:`lebak_dash.ui.upload_flow`). Editors also activate an earlier
version, or none (back to the centroid map), after a confirmation.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.i18n import render, t
from lebak_dash.store import BoundaryCandidate, BoundaryVersion, StoreError
from lebak_dash.ui.access import require_editor
from lebak_dash.ui.activation_flow import ActivationFlow
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import Applied, DataContext, download, show_later, table
from lebak_dash.ui.text import error_text, escape_markdown
from lebak_dash.ui.upload_flow import UploadFlow
from lebak_dash.views import data_tables

ATTRIBUTION_WIDGET = "bnd_attribution"


def _check(ctx: DataContext, data: bytes, filename: str) -> BoundaryCandidate:
    attribution = str(st.session_state.get(ATTRIBUTION_WIDGET) or "")
    return ctx.store.check_boundaries(data, filename, attribution=attribution)


def _apply(candidate: BoundaryCandidate, editor: str, note: str, lang: str) -> Applied:
    version = get_store().add_boundaries(candidate, by=editor, note=note)
    return Applied(t("boundaries.applied", lang, number=version.number), ("kecamatan:page.kecamatan",))


FLOW: UploadFlow[BoundaryCandidate] = UploadFlow(
    name="boundaries",
    widget="bnd",
    default_filename="batas.geojson",
    status_keys=("referensi.checking", "referensi.checked"),
    check=_check,
    apply=_apply,
)


def _label(versions: dict[int, BoundaryVersion], number: int, lang: str) -> str:
    version = versions.get(number)
    if version is None:
        return t("boundaries.option_none", lang)
    return f"{version.number}: {version.filename} ({version.kecamatan_count})"


def _activate(number: int, editor: str, expected: int, lang: str) -> Applied:
    get_store().activate_boundaries(number, by=editor, expected_active=expected)
    return Applied(t("boundaries.activated", lang, number=number), ("kecamatan:page.kecamatan",))


ACTIVATION = ActivationFlow(
    name="boundaries_activate",
    widget="bnd",
    outcome_key=FLOW.outcome_key,
    current=lambda: next((v.number for v in get_store().boundary_versions() if v.active), 0),
    activate=_activate,
    conflict=lambda _exc, lang: t("store.boundaries_changed", lang),
)


def _upload(ctx: DataContext) -> None:
    lang = ctx.lang
    st.text_input(t("boundaries.attribution", lang), key=ATTRIBUTION_WIDGET, max_chars=500)
    uploaded = st.file_uploader(t("boundaries.upload", lang), type=["geojson", "json", "zip"], key=FLOW.uploader_key())
    if uploaded is None:
        FLOW.forget()
        return
    pending = FLOW.pending_for(ctx, uploaded)
    if pending is None:
        return
    candidate = pending.checked
    st.success(
        t(
            "boundaries.checked",
            lang,
            count=len(candidate.boundaries.shapes),
            features=candidate.features,
            vertices=candidate.vertices,
        )
    )
    if candidate.missing:
        st.warning(t("boundaries.missing", lang, names=escape_markdown(", ".join(candidate.missing))))
    for note in candidate.notes:
        st.info(escape_markdown(render(note["key"], lang, note["params"])))
    FLOW.apply_controls(pending, lang, label=t("boundaries.apply", lang))


def _activation(ctx: DataContext, versions: list[BoundaryVersion]) -> None:
    lang = ctx.lang
    by_number = {v.number: v for v in versions}
    pending = ACTIVATION.pending()
    if pending is not None and (pending.number in by_number or pending.number == 0):
        st.warning(escape_markdown(_label(by_number, pending.number, lang)))
        ACTIVATION.confirm_buttons(pending, lang, yes_label=t("boundaries.activate_button", lang))
        return
    active = next((v.number for v in versions if v.active), 0)
    options = [n for n in [*(v.number for v in reversed(versions)), 0] if n != active]
    st.selectbox(
        t("boundaries.activate", lang),
        options=options,
        format_func=lambda n: _label(by_number, n, lang),
        key=ACTIVATION.pick_widget,
    )
    st.button(
        t("boundaries.activate_button", lang), key=ACTIVATION.ask_widget, on_click=ACTIVATION.on_ask, args=(lang,)
    )


def boundaries_section(ctx: DataContext, editor: bool) -> None:
    """The boundaries part of the Referensi page (upload and activation for editors)."""
    lang, store = ctx.lang, ctx.store
    st.subheader(t("boundaries.title", lang))
    st.caption(t("boundaries.intro", lang))
    show_later(FLOW.outcome_key, lang)
    try:
        versions = store.boundary_versions()
        boundaries = store.boundaries()
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    active = next((v for v in versions if v.active), None)
    if boundaries is None:
        st.caption(t("boundaries.none", lang))
    else:
        st.caption(
            t(
                "boundaries.active",
                lang,
                number=active.number if active else 0,
                filename=escape_markdown(active.filename if active else "LEBAK_BOUNDARIES"),
                count=len(boundaries.shapes),
                attribution=escape_markdown(boundaries.attribution or "-"),
            )
        )
        suffix = ".zip" if active is not None and active.format == "shapefile" else ".geojson"
        download(
            t("boundaries.download", lang),
            store.boundary_bytes,
            f"batas_kecamatan{suffix}",
            "application/octet-stream",
            "bnd_dl",
        )
    if versions:
        table(data_tables.boundary_versions_frame(versions, lang), key="bnd_versions")
    if not editor or require_editor(lang, stop=False) is None:
        return
    _upload(ctx)
    if versions:
        _activation(ctx, versions)

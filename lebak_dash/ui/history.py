"""Riwayat: every version, the originals, undo (activate an earlier version) and the audit log.

Everyone sees the list of versions (who, when in WIB, counts, note, which is active). Editors also
download any original file byte for byte (under the name it was uploaded with), activate another
version after an explicit confirmation, and read the audit log. Originals may hold sheets and
columns the dashboard does not show, and the audit log names editors and failed logins: both stay
behind the editor login.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.store import StoreConflictError, StoreError, Version
from lebak_dash.ui.access import audited_download, current_editor, require_editor
from lebak_dash.ui.activation_flow import ActivationFlow
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import MIMES, Applied, DataContext, download, show_later, table
from lebak_dash.ui.text import error_text, escape_markdown
from lebak_dash.views import data_tables

OUTCOME_KEY = "_lebak_history_outcome"
DOWNLOAD_PICK_WIDGET = "hist_dl_pick"
DOWNLOAD_WIDGET = "hist_dl"
AUDIT_LIMIT = 200


def _activate(number: int, editor: str, expected: int, lang: str) -> Applied:
    version = get_store().activate(number, by=editor, expected_active=expected)
    return Applied(
        t("riwayat.activated", lang, number=version.number, count=version.records),
        ("ringkasan:unggah.to_dashboard",),
    )


def _stale(exc: StoreConflictError, lang: str) -> str:
    return t("riwayat.changed", lang, active=exc.params.get("active", "?"))


ACTIVATION = ActivationFlow(
    name="activate",
    widget="hist",
    outcome_key=OUTCOME_KEY,
    current=lambda: get_store().active_state().version or 0,
    activate=_activate,
    conflict=_stale,
)


def _downloads(ctx: DataContext, versions: list[Version]) -> None:
    lang, store = ctx.lang, ctx.store
    st.header(t("riwayat.download", lang))
    by_number = {v.number: v for v in versions}
    number = st.selectbox(
        t("riwayat.download_pick", lang),
        options=[v.number for v in reversed(versions)],
        format_func=lambda n: data_tables.version_label(by_number[n], lang),
        key=DOWNLOAD_PICK_WIDGET,
    )
    version = by_number[number]
    if not store.blobs.present("original", version.sha256):
        st.error(t("store.original_missing", lang, number=number, path=store.blobs.where("original", version.sha256)))
        return
    download(
        t("riwayat.download_button", lang, number=number),
        audited_download(
            lambda: store.original_bytes(number), what="original", filename=version.filename, version=number
        ),
        version.filename,
        MIMES.get(version.format, "application/octet-stream"),
        DOWNLOAD_WIDGET,
        icon="⬇️",
    )


def _activation(ctx: DataContext, versions: list[Version]) -> None:
    lang = ctx.lang
    st.header(t("riwayat.activate", lang))
    by_number = {v.number: v for v in versions}
    pending = ACTIVATION.pending()
    if pending is not None and pending.number in by_number:
        chosen = by_number[pending.number]
        st.warning(
            t(
                "riwayat.confirm",
                lang,
                number=chosen.number,
                filename=escape_markdown(chosen.filename),
                count=chosen.records,
                current=pending.current or "-",
            )
        )
        ACTIVATION.confirm_buttons(pending, lang, yes_label=t("riwayat.confirm_yes", lang, number=chosen.number))
        return
    others = [v.number for v in reversed(versions) if not v.active]
    if not others:
        st.caption(t("riwayat.only_one", lang))
        return
    number = st.selectbox(
        t("riwayat.activate_pick", lang),
        options=others,
        format_func=lambda n: data_tables.version_label(by_number[n], lang),
        key=ACTIVATION.pick_widget,
    )
    st.button(
        t("riwayat.activate_button", lang, number=number),
        key=ACTIVATION.ask_widget,
        on_click=ACTIVATION.on_ask,
        args=(lang,),
    )


def history_section(ctx: DataContext) -> None:
    """The history page below its title."""
    lang, store = ctx.lang, ctx.store
    show_later(OUTCOME_KEY, lang)
    try:
        versions = store.versions()
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    if not versions:
        st.info(t("riwayat.none", lang))
    else:
        st.header(t("riwayat.versions", lang, n=fmt_int(len(versions), lang)))
        st.caption(t("riwayat.versions_help", lang))
        table(data_tables.versions_frame(versions, lang), key="hist_versions")
    if current_editor() is None:
        st.info(t("access.viewer_hint", lang, what=t("access.need.riwayat", lang)))
    if require_editor(lang, stop=False) is None:
        return
    if versions:
        _activation(ctx, versions)
        _downloads(ctx, versions)
    st.header(t("riwayat.audit", lang, n=AUDIT_LIMIT))
    st.caption(t("riwayat.audit_help", lang))
    table(data_tables.audit_frame(store.audit(limit=AUDIT_LIMIT), lang), key="hist_audit")

"""Templat: the xlsx template made from the contract and the active OPD list (open to everyone)."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.datapage import active_reference, data_setup, template_download
from lebak_dash.ui.router import page_file

ctx = data_setup("templat")
lang = ctx.lang
reference = active_reference(ctx)

st.write(t("templat.intro", lang, count=len(reference.opd_names)))
template_download(reference, lang, key="tpl_download")
st.caption(t("templat.who", lang))
st.header(t("templat.steps", lang))
for step in ("templat.step1", "templat.step2", "templat.step3"):
    st.markdown("- " + t(step, lang))
st.page_link(page_file("panduan"), label=t("templat.guide_link", lang), icon="📖")
st.page_link(page_file("unggah"), label=t("page.unggah", lang), icon="⬆️")

"""Router of the dashboard: page config and navigation, nothing else.

Deep links and Streamlit's legacy ``pages/`` mode: every page file is named ``NN_<url_path>.py``
and its first call is ``lebak_dash.ui.page.setup`` (or ``lebak_dash.ui.router.
leave_legacy_pages_mode``), so the first request of a fresh server to ``/<url_path>`` neither
runs the file without this router nor shows "Page not found" (see lebak_dash/ui/router.py).
``tests/test_pages.py`` checks both rules for every page listed here.
"""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.router import menu_position
from lebak_dash.ui.state import current_lang

lang = current_lang()
st.set_page_config(page_title=t("app.title", lang), page_icon="📊", layout="wide")

# Emoji icons, not :material/...: ones (those make the browser fetch a font from the internet).
pages = {
    t("nav.section.dasbor", lang): [
        # Served at "/" (a default page has no other address); "beranda" only names it.
        st.Page(
            "pages/10_ringkasan.py",
            title=t("page.ringkasan", lang),
            icon="🏠",
            url_path="beranda",
            default=True,
        ),
        st.Page("pages/20_opd.py", title=t("page.opd", lang), icon="🏢", url_path="opd"),
        st.Page("pages/30_tahapan.py", title=t("page.tahapan", lang), icon="🪜", url_path="tahapan"),
        st.Page("pages/40_kecamatan.py", title=t("page.kecamatan", lang), icon="🗺️", url_path="kecamatan"),
        st.Page("pages/50_daftar.py", title=t("page.daftar", lang), icon="📋", url_path="daftar"),
        # The same page at /ringkasan, so every dashboard page has a deep link of its own.
        st.Page(
            "pages/10_ringkasan.py",
            title=t("page.ringkasan", lang),
            icon="🏠",
            url_path="ringkasan",
            visibility="hidden",
        ),
    ],
    t("nav.section.data", lang): [
        st.Page("pages/60_unggah.py", title=t("page.unggah", lang), icon="⬆️", url_path="unggah"),
        st.Page("pages/61_riwayat.py", title=t("page.riwayat", lang), icon="🕘", url_path="riwayat"),
        st.Page("pages/62_template.py", title=t("page.template", lang), icon="📄", url_path="template"),
        st.Page("pages/63_referensi.py", title=t("page.referensi", lang), icon="📚", url_path="referensi"),
        st.Page("pages/64_panduan.py", title=t("page.panduan", lang), icon="📖", url_path="panduan"),
    ],
    # The meeting-room screen: no menu there (see menu_position below), its own way back.
    t("nav.section.presentasi", lang): [
        st.Page("pages/70_presentasi.py", title=t("page.presentasi", lang), icon="📽️", url_path="presentasi"),
    ],
    t("nav.section.perkembangan", lang): [
        st.Page("pages/90_perkembangan.py", title=t("page.perkembangan", lang), icon="📈", url_path="perkembangan"),
        st.Page("pages/95_briefing.py", title=t("page.briefing", lang), icon="📥", url_path="briefing"),
    ],
}
st.navigation(pages, position=menu_position(pages, hidden_on={"presentasi"})).run()

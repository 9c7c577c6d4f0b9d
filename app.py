"""Router of the dashboard: page config and navigation, nothing else.

The pages are listed once, in :data:`lebak_dash.ui.router.PAGES`. Deep links and Streamlit's
legacy ``pages/`` mode: every page file is named ``NN_<url_path>.py`` and its first call is
``lebak_dash.ui.page.setup`` (or ``lebak_dash.ui.router.leave_legacy_pages_mode``), so the first
request of a fresh server to ``/<url_path>`` neither runs the file without this router nor shows
"Page not found" (see lebak_dash/ui/router.py). ``tests/test_pages.py`` checks both rules.
"""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.data import active_region
from lebak_dash.ui.router import navigation
from lebak_dash.ui.share import menu_hint
from lebak_dash.ui.state import current_lang

lang = current_lang()
st.set_page_config(page_title=t("app.title", lang, region=active_region().full_name), page_icon="📊", layout="wide")
sections, position = navigation(lang)
page = st.navigation(sections, position=position)
if position != "hidden":
    menu_hint(lang)  # on a phone the menu is behind the sidebar button: say so
page.run()

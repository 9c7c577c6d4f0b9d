"""Router of the dashboard: page config and navigation, nothing else."""

import streamlit as st

from lebak_dash.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")
pages = [st.Page("pages/10_ringkasan.py", title="Ringkasan", icon="🏠", url_path="ringkasan", default=True)]
st.navigation(pages).run()

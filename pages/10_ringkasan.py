"""Ringkasan: the first overview of the loaded records."""

import streamlit as st

from lebak_dash.analysis import count_per_stage
from lebak_dash.formatting import fmt_int
from lebak_dash.i18n import t
from lebak_dash.ui.data import get_dataset

dataset = get_dataset()
st.title(t("app.title"))
if dataset.is_sample:
    st.warning("Data contoh (sintetis), bukan data resmi Bappeda.")
st.metric("Inovasi", fmt_int(len(dataset.records)))
st.dataframe(count_per_stage(dataset.records))

"""Baseline: an app that draws nothing (the server's floor per rerun)."""

import streamlit as st

st.write("")

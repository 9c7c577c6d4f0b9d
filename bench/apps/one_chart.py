"""Baseline: one go.Bar chart, the least a dashboard can draw."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["Drum-up", "Diagnose", "Design", "Delivery", "Display"], y=[4, 8, 6, 9, 5])))

"""Baseline: a minimal three-chart app on 10k records (go figures, st.cache_resource).

The reference point for throughput under load: our overview page does more, and should cost at
most ~1/0.7 of this.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

STAGES = ["Drum-up", "Diagnose", "Design", "Delivery", "Display"]


@st.cache_resource
def records() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 10_000
    return pd.DataFrame(
        {
            "opd": pd.Categorical(rng.choice([f"OPD {i}" for i in range(60)], n)),
            "tahapan": pd.Categorical(rng.choice(STAGES, n), categories=STAGES, ordered=True),
            "tahun": rng.integers(2018, 2027, n),
        }
    )


data = records()
year = int(st.query_params.get("tahun", 0) or 0)
view = data[data["tahun"] >= year] if year else data
per_stage = view.groupby("tahapan", observed=False).size()
per_opd = view.groupby("opd", observed=True).size().sort_values().tail(15)
per_year = view.groupby(["tahun", "tahapan"], observed=False).size().unstack()
st.plotly_chart(go.Figure(go.Bar(x=per_stage.index.astype(str), y=per_stage.to_numpy())))
st.plotly_chart(go.Figure(go.Bar(y=per_opd.index.astype(str), x=per_opd.to_numpy(), orientation="h")))
st.plotly_chart(go.Figure([go.Bar(x=per_year.index, y=per_year[s], name=s) for s in STAGES]))

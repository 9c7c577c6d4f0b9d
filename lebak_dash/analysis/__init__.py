"""Pure DataFrame work on the records: filters (with the URL and chart-selection parsing),
aggregations, the innovation list and search, and progress across versions.

Nothing here draws, formats for a page or imports Streamlit; see ``docs/architecture.md``.
"""

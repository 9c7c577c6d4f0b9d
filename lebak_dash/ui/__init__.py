"""The only Streamlit code of the package: cached loaders, shared widgets, the filter panel."""

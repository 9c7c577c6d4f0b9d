"""One function per figure, each returning a ``go.Figure``: style, dashboard charts, the
kecamatan map, progress charts."""

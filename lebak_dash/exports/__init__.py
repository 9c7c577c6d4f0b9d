"""Files given out: Excel/CSV exports, the template, the data guide, the briefing."""

"""The briefing to take away: the current view as a self-contained HTML report or a PowerPoint
deck (``content`` says what it holds, ``html`` and ``pptx`` render it)."""

"""Presentasi: the meeting-room screen (full screen, slides that advance by themselves).

State in the URL (``?slide=3&interval=15&tema=gelap&jeda=1`` plus the dashboard's filters), so a
meeting-room PC can open it straight into full screen and a reload carries on where it was.
"""

from lebak_dash.ui.presentation import presentation_page
from lebak_dash.ui.router import leave_legacy_pages_mode

leave_legacy_pages_mode()  # first, before anything is drawn (see docs/dashboard.md, deep links)
presentation_page()

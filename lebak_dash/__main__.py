"""Run the command line: ``python -m lebak_dash --help``."""

import sys

from lebak_dash.cli.launch import main

sys.exit(main())

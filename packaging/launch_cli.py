"""The bundle's command-line program: `selfaudit` (on Linux, with no command, it opens the app)."""

import sys

from selfaudit.__main__ import main

sys.exit(main())

"""The bundle's windowed program on Windows and macOS: always opens the app."""

import sys

from selfaudit.__main__ import gui_main

sys.exit(gui_main())

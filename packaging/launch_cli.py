"""The bundle's command-line program: `selfaudit` (on Linux, with no command, it opens the app)."""

import sys

from selfaudit.__main__ import main, usual_ctrl_c

usual_ctrl_c()  # from here a command stops itself on Ctrl-C (the start-up hook did until now)
sys.exit(main())

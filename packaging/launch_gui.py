"""The bundle's windowed program on Windows (selfaudit.exe): the app when given no command, as
the Start menu runs it; a command otherwise, as the login item runs `remind --if-due`."""

import sys

from selfaudit.__main__ import gui_main, usual_ctrl_c

usual_ctrl_c()  # from here a command stops itself on Ctrl-C (the start-up hook did until now)
sys.exit(gui_main())

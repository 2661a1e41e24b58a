"""Entry script of the PyInstaller bundle: the ``mash-desktop`` command, frozen.

PyInstaller needs a script file rather than a module; this one only calls the same
``main`` that the installed ``mash-desktop`` command calls, so the bundle opens the app
with no command and runs every subcommand otherwise.
"""

import sys

from mash_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m mash_desktop`` is the same as the ``mash-desktop`` command."""

import sys

from .cli import main

sys.exit(main())

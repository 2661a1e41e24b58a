"""MASH Desktop: offline charting for the MASH hip-and-back physical therapy program."""

import time as _time

__version__ = "0.1.0"
# When our code started running; the start-up clock for ``gui --exit-after-show``.
STARTED = _time.perf_counter()

"""Keep Python's garbage collector from stopping the window.

A full (generation 2) collection walks every tracked object and holds the interpreter
lock while it does, whichever thread started it. With the clinic open the app holds a
few hundred thousand objects (modules, classes, Qt wrappers, the patient list), so a full
collection started by a worker building a report or an export stopped the GUI thread for
0.1–0.6 s (measured with ``gc.callbacks`` during ``benchmarks/run.py --only
event_loop_stall``; the gaps between timer ticks matched the collections to the
millisecond). Two measures, both in CPython's documented ``gc`` API:

* :func:`freeze_started_app` moves what the started app holds into the permanent
  generation once the clinic is open, so no later collection walks it;
  :func:`release_started_app` gives it back when the window closes. While one freeze
  holds, a second window does not freeze again. Without the release, a window closed in
  one test (its idle-lock timer still running) would outlive the test process's
  collections, and garbage waiting at the freeze would never be freed.
* :class:`FullCollectionsDeferred` stops *automatic* full collections while background
  operations run and restores the threshold when the last one ends. Young collections
  (generations 0 and 1, a few thousand objects each) still run, so most cyclic garbage is
  still freed at once; what reaches generation 2 meanwhile waits for the next full
  collection after the operation. An operation that allocates without bound would grow
  meanwhile, so the deferral is only for operations that ask for it (``Op.with_progress``
  work whose size is that of one chart or one report, not the whole-clinic bulk work).
"""

from __future__ import annotations

import gc

_frozen = False

# gc.set_threshold's third value counts generation-1 collections between full ones; this
# many is never reached while an operation runs (about 10**12 allocations).
_NEVER = 1 << 30


def freeze_started_app() -> bool:
    """Keep what is alive now out of every later collection until
    :func:`release_started_app`; False when a freeze already holds."""
    global _frozen
    if _frozen:
        return False
    gc.freeze()
    _frozen = True
    return True


def release_started_app() -> None:
    """The window closed: what it held (and any garbage waiting at the freeze) is
    collected as usual again."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False


class FullCollectionsDeferred:
    """Counts the operations that asked for no full collection while they run."""

    def __init__(self) -> None:
        self.depth = 0
        self._threshold2: int | None = None

    def enter(self) -> None:
        if self.depth == 0:
            t0, t1, t2 = gc.get_threshold()
            self._threshold2 = t2
            gc.set_threshold(t0, t1, _NEVER)
        self.depth += 1

    def leave(self) -> None:
        if self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self._threshold2 is not None:
            t0, t1, _ = gc.get_threshold()
            gc.set_threshold(t0, t1, self._threshold2)
            self._threshold2 = None

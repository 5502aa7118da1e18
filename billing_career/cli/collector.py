"""The garbage collector paused for a command's start, and run again where its long work begins.

A start makes what lasts the whole run (modules, classes, the app, the knowledge base, the
compiled rules) and next to no garbage: the collector's 70-odd passes over it during a plan's
start (a fourteenth of it) freed nothing. The console script pauses it first thing; a short
command ends with it paused (the heap vanishes with the process), and a long one (questions
asked, a cohort planned) runs it again, with what the start made frozen out of its passes.
"""

from __future__ import annotations

import gc

# Whether pause_for_start() paused the collector, and it has not run again since.
_paused = False


def pause_for_start() -> None:
    """Pause the collector, unless something else already has."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The start is over: freeze what it made and run the collector again. Nothing to do unless
    pause_for_start() paused it: a run in-process (the tests) keeps its collector as it is."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()

"""Keeping Python's cyclic garbage collector out of the way of a friend check's heavy work."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector while a big file is parsed or names are matched.
    Its full passes over hundreds of thousands of objects hold the interpreter lock for tens or
    hundreds of milliseconds, which would freeze the window; parsing and matching make no
    reference cycles, so nothing waits to be collected meanwhile. Safe when several run at
    once.

    What was made meanwhile is then counted as old, not young: otherwise the collector's next
    pass, moments after it resumes, would walk every object of the export at once, as long a
    freeze as the one avoided. Old objects are walked only by rare full passes, and these
    objects are freed as soon as the check is closed."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.freeze()  # every tracked object to the permanent generation...
                gc.unfreeze()  # ...then all of them to the oldest: no pass walks them now
                gc.enable()

"""The cyclic garbage collector's pauses around the load's decisions. Standard library
only: the survey (app/loader/survey.py) decides before the parse stages are imported."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def few_collections() -> Iterator[None]:
    """No cyclic garbage collection inside this: the load's decisions make a few small
    objects per file (100k files, several hundred thousand objects, none in a cycle), and
    each full collection the collector starts on the way walks the whole heap again: a
    third of the CPU of a load that finds nothing changed. Processes forked inside turn it
    back on (app.loader.children.start_worker)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

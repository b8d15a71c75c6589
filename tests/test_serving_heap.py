"""A served worker freezes its heap once its warm-up is over (app.serving.freeze_heap_once):
not while the warm-up still loads, once after, never again. Run in a child process: a
frozen heap is the whole process's, and this one runs every other test."""

import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CHILD = """
import gc, threading
from app.serving import WARM_UP_THREAD, freeze_heap_once

done = threading.Event()
warm_up = threading.Thread(target=done.wait, name=WARM_UP_THREAD)
warm_up.start()
kept = [[i] for i in range(1000)]
assert not freeze_heap_once() and gc.get_freeze_count() == 0
done.set()
warm_up.join()
assert freeze_heap_once() and gc.get_freeze_count() >= len(kept)
later = [[i] for i in range(1000)]
assert not freeze_heap_once(), "twice"
assert all(gc.is_tracked(x) for x in later)
print("ok")
"""


def test_the_heap_is_frozen_once_after_the_warm_up() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"

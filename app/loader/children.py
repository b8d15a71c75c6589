"""Processes a load forks (parse workers, Whoosh's index writers) die with the load.

A load killed with SIGKILL (by a person, the OOM killer, a supervisor) gets no chance to
stop its children; without this they would parse and write on as orphans, for nothing.
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Run first in a forked child: the kernel sends it SIGKILL when `parent` dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died before the request above was made: it would never fire.
    if os.getppid() != parent:
        os._exit(1)

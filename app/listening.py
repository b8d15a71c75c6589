"""A listening socket of each worker's own, for `archive serve` with several workers
(app.serving.serve). Only the standard library here: a worker unpickles `OwnListener`
before it starts answering its supervisor's health checks, and importing the app's
modules at that point took longer than the check waits on a busy machine (the worker was
killed and restarted, again and again).
"""

import socket
from dataclasses import dataclass
from typing import Any


def own_listener(host: str, port: int) -> socket.socket:
    """A listening socket of this process's own on a port other processes of this user
    may bind as well (SO_REUSEPORT): Linux hands each new connection to one of them by a
    hash of its addresses, not to whichever process wakes first."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family=family)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def claim_port(host: str, port: int) -> None:
    """Raise OSError (address in use) when anything listens on the port, another `archive
    serve` of this user included: the probe does not set SO_REUSEPORT, so the kernel
    refuses it even where workers' own listeners would be let in beside that server and
    share its connections without a word."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family=family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        probe.bind((host, port))


@dataclass(frozen=True)
class OwnListener:
    """What uvicorn's supervisor hands every worker it starts (restarts too) in place of
    the one socket it would share among them: unpickled in the worker, it is that worker's
    own listener (`own_listener`). On one shared socket, the worker that wakes first takes
    every connection waiting (asyncio accepts up to its backlog per wake-up) and kept-alive
    clients stay with it: 10 clients got 1.44x one client's throughput from 2 workers on
    2 cores."""

    host: str
    port: int

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return own_listener, (self.host, self.port)

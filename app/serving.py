"""How `archive serve` runs uvicorn: what a client may send and how slowly, and the answers
the server itself gives before the app sees a request, with the app's security headers.

uvicorn alone read headers of any size (50 MB was accepted), gave a client unlimited time to
send a request (a connection that trickles a byte at a time held its file descriptor forever:
the keep-alive timer is cancelled by any byte) or to read the answer, and answered bad
request lines and the concurrency limit without Content-Security-Policy or nosniff.
`ArchiveHttpProtocol` is uvicorn's httptools protocol with those limits and headers added;
nothing else changes.
"""

import asyncio
import ctypes
import gc
import logging
import os
import socket
import sys
import threading
from typing import Any, cast

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from app.config import Settings, get_settings
from app.listening import OwnListener, claim_port, own_listener
from app.security_headers import SECURITY_HEADERS

SECURITY = b"".join(f"{name}: {value}\r\n".encode("latin-1") for name, value in SECURITY_HEADERS.items())
TOO_LARGE = "Request headers too large."
TOO_SLOW = "Request not received in time."
BUSY = "The server is busy; try again in a moment."


# Each worker holds its own caches and Python heap (app/build/archive.py); past a few, more
# workers add memory faster than they add answers to a small archive's readers.
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One worker per CPU core this process may run on (a container's or taskset's limit,
    not the host's count), at most MAX_DEFAULT_WORKERS. One worker answered ten clients no
    faster than one: requests run in its threads under one GIL, so on two cores half the
    machine sat idle; workers share the build's mapped arrays through the page cache."""
    return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS))


# glibc's mallopt parameter number for the arena limit (malloc.h: M_ARENA_MAX).
M_ARENA_MAX = -8
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc's malloc keep at most `arenas` heaps in this process. By default each
    request thread that allocates at once gets its own heap (up to 8 per core), and what
    one thread frees is reused by that heap alone: a worker's memory of its own grew by
    tens of megabytes of freed but unreturned space. Called before the request threads
    start; False where the C library has no mallopt (not glibc): nothing changes there."""
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Arguments for uvicorn.run beyond the app, host, port and workers."""
    return {
        "http": "app.serving:ArchiveHttpProtocol",
        # Nothing here speaks WebSocket: an upgrade request is an ordinary request.
        "ws": "none",
        "limit_concurrency": settings.limit_concurrency,
        "timeout_keep_alive": settings.keep_alive_timeout,
        # Used only if someone swaps in uvicorn's h11 protocol: the same header limit.
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "server_header": False,
    }


logger = logging.getLogger("uvicorn.error")

# The name of the app's warm-up thread (app.main), which loads what every search reads.
WARM_UP_THREAD = "warm-up"
_heap = {"frozen": False}


def freeze_heap_once() -> bool:
    """Once the worker's warm-up has loaded what it keeps for its life (the register, the
    morphology dictionaries, the served build), move every object alive to the permanent
    generation (gc.freeze), so that the collector never walks them again: each full
    collection walked them all, a pause of 70 ms in a search at 10k articles (the slowest
    1 % of searches). Called as connections open; True when this call froze the heap."""
    if _heap["frozen"] or any(t.name == WARM_UP_THREAD for t in threading.enumerate()):
        return False
    _heap["frozen"] = True
    gc.freeze()
    return True


def own_listeners_possible(host: str, port: int) -> bool:
    """Linux (where SO_REUSEPORT balances connections; elsewhere one socket would take them
    all), and a fixed port (port 0 would give each worker another one)."""
    return hasattr(socket, "SO_REUSEPORT") and os.uname().sysname == "Linux" and port != 0 and bool(host)


def _forked_worker(config: Any, target: Any, sockets: list[Any], stdin_fileno: int | None) -> None:
    """A forked worker's start: its own listener made here (a spawned worker makes it as it
    unpickles the OwnListener; a forked one is handed the object itself), then uvicorn's."""
    from uvicorn._subprocess import subprocess_started

    own = [own_listener(s.host, s.port) if isinstance(s, OwnListener) else s for s in sockets]
    subprocess_started(config, target, own, stdin_fileno)


def _forked_subprocess(config: Any, target: Any, sockets: list[Any]) -> Any:
    """uvicorn's get_subprocess with the fork start method instead of spawn: the worker
    starts from the supervisor's memory, with the web stack it imported (`preload`), and
    imports nothing again."""
    import multiprocessing

    try:
        stdin_fileno: int | None = sys.stdin.fileno()
    except (AttributeError, OSError):
        stdin_fileno = None
    kwargs = {"config": config, "target": target, "sockets": sockets, "stdin_fileno": stdin_fileno}
    return multiprocessing.get_context("fork").Process(target=_forked_worker, kwargs=kwargs)


def preload(app: str) -> None:
    """Import the app's module (the web stack: FastAPI, SQLAlchemy, NumPy, Whoosh, the query
    layer) in the supervisor, before it forks its workers: imported once, its pages are
    shared by every worker copy-on-write, where each spawned worker imported it all again
    (1.5 s of CPU per worker). The app itself is made in each worker (create_app), after
    the fork: no thread, file or connection of it crosses one. The module's own `preload()`,
    if it has one, loads what every worker reads the same way."""
    import importlib

    module = importlib.import_module(app.partition(":")[0])
    if hasattr(module, "preload"):
        module.preload()
    # What was imported is never collected: frozen, the workers' collections do not walk
    # (and so copy) the pages they share with the supervisor.
    gc.freeze()


def serve(app: str, host: str, port: int, workers: int, **options: Any) -> None:
    """uvicorn.run(app, factory=True, ...), except that several workers each listen on a
    socket of their own (see OwnListener) and are forked from a supervisor that imported
    the app's modules once (`preload`)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess, multiprocess

    if workers <= 1 or not own_listeners_possible(host, port):
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers, log_level="info", **options)
        return
    config = uvicorn.Config(
        app, factory=True, host=host, port=port, workers=workers, log_level="info", **options
    )
    try:
        # Once here: a port in use is said once, before any worker starts.
        claim_port(host, port)
    except OSError as exc:
        logger.error(exc)
        raise SystemExit(3) from exc
    shown = f"[{host}]" if ":" in host else host
    logger.info("Uvicorn running on http://%s:%d (Press CTRL+C to quit)", shown, port)
    preload(app)
    # The supervisor starts (and restarts) workers through this name of uvicorn's.
    multiprocess.get_subprocess = _forked_subprocess  # type: ignore[attr-defined]
    # The supervisor's type says sockets; it only hands them to each worker it starts.
    Multiprocess(config, sockets=cast(list[socket.socket], [OwnListener(host, port)])).run()


def plain_answer(status: int, message: str, extra: bytes = b"") -> bytes:
    """A whole HTTP/1.1 answer that closes the connection, with the app's security headers."""
    body = message.encode("ascii")
    return b"".join(
        [
            STATUS_LINE[status],
            SECURITY,
            extra,
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
            b"cache-control: no-store\r\n",
            b"connection: close\r\n\r\n",
            body,
        ]
    )


async def busy(scope: Any, receive: Any, send: Any) -> None:
    """uvicorn's 503 past limit_concurrency, with the headers and a Retry-After."""
    headers = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
    headers += [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(BUSY)).encode("ascii")),
        (b"retry-after", b"1"),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": BUSY.encode("ascii"), "more_body": False})


class HeadersTooLarge(Exception):
    pass


class ArchiveHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a size limit on each request's headers and a time
    limit on sending the whole request.

    The clock starts when the connection opens, or at the first byte of the next request on
    a kept-alive one, and stops when the request (headers and any body) is complete; header
    bytes are counted until the headers end. Past either limit the client gets a 431 or a
    408 and the connection closes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.max_header_bytes = settings.max_header_bytes
        self.header_timeout = settings.header_timeout
        self.send_timeout = settings.send_timeout
        self.send_clock: asyncio.TimerHandle | None = None
        # Checked here instead of by uvicorn, whose 503 carries none of our headers.
        self.concurrency_limit = self.limit_concurrency
        self.limit_concurrency = None
        self.reading_headers = True
        self.header_bytes = 0
        self.header_clock: asyncio.TimerHandle | None = None
        self.refusal: tuple[int, str] | None = None

    # asyncio declares the base class's BaseTransport; a TCP server always passes a Transport
    # (uvicorn's own override narrows it the same way, with the same ignore).
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_clock()
        freeze_heap_once()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_clock()
        self._stop_send_clock()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        """The client stopped reading and the answer backs up: it has send_timeout to read
        on. A reader that never does held the connection and its request forever."""
        super().pause_writing()
        if self.send_clock is None:
            self.send_clock = self.loop.call_later(self.send_timeout, self._reader_too_slow)

    def resume_writing(self) -> None:
        self._stop_send_clock()
        super().resume_writing()

    def _stop_send_clock(self) -> None:
        if self.send_clock is not None:
            self.send_clock.cancel()
            self.send_clock = None

    def _reader_too_slow(self) -> None:
        # abort, not close: close would wait for the unread answer to drain first.
        self.send_clock = None
        self.transport.abort()

    def data_received(self, data: bytes) -> None:
        if self.reading_headers:
            self.header_bytes += len(data)
            if self.header_clock is None:
                self._start_clock()
        super().data_received(data)
        if self.reading_headers and self.header_bytes > self.max_header_bytes:
            self._refuse(431, TOO_LARGE)

    def on_headers_complete(self) -> None:
        self.reading_headers = False
        self.header_bytes = 0
        # Headers that arrived whole in one read are measured here (the request line's
        # method and version and each header's ": " and CRLF included, roughly).
        size = len(self.url) + 16 + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.max_header_bytes:
            self.refusal = (431, TOO_LARGE)
            raise HeadersTooLarge  # httptools stops and uvicorn calls send_400_response
        limit = self.concurrency_limit
        crowded = limit is not None and (len(self.connections) >= limit or len(self.tasks) >= limit)
        self.app = busy if crowded else self.config.loaded_app
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        # The clock runs to the end of the body: the archive reads none, and a body
        # trickled after the answer would otherwise hold the connection (each byte cancels
        # uvicorn's keep-alive timer).
        self._stop_clock()
        super().on_message_complete()
        self.reading_headers = True

    def send_400_response(self, msg: str) -> None:
        status, message = self.refusal or (400, msg)
        self._refuse(status, message)

    def _refuse(self, status: int, message: str) -> None:
        self._stop_clock()
        if self.transport.is_closing():
            return
        self.transport.write(plain_answer(status, message))
        self.transport.close()

    def _start_clock(self) -> None:
        self._stop_clock()
        self.header_clock = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_clock(self) -> None:
        if self.header_clock is not None:
            self.header_clock.cancel()
            self.header_clock = None

    def _headers_too_slow(self) -> None:
        self.header_clock = None
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined request waits behind one still answering: the answer comes first.
            self._start_clock()
            return
        self._refuse(408, TOO_SLOW)

"""What only a real server shows: `archive serve` under uvicorn, spoken to over raw sockets.

HEAD on a kept-alive connection, the protocol-level answers uvicorn gives before the app
sees a request (bad request lines, over-long headers, the concurrency limit), and clients
that take too long to send their headers.
"""

import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from app.config import Settings
from app.security_headers import SECURITY_HEADERS
from tests.conftest import SEED_IDS, serving

TIMEOUT = 10.0


def connect(base: str) -> socket.socket:
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT)
    return sock


def read_response(sock: socket.socket, head: bool = False) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response from the socket: status, headers (lower-case names), body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"connection closed after {data!r}")
        data += chunk
    header_block, _, rest = data.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if head or status in (204, 304):
        return status, headers, b""
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


def request(method: str, path: str, extra: str = "") -> bytes:
    return f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n".encode()


def closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def assert_secure(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name


# --- HEAD -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/en/", "/api/articles", f"/en/articles/{SEED_IDS['002']}", "/static/style.css", "/en/articles/nope"],
)
def test_head_keeps_the_connection_and_gives_the_get_headers(live_server: str, path: str) -> None:
    """HEAD then GET on one kept-alive connection: both answered, same length and type."""
    with connect(live_server) as sock:
        sock.sendall(request("HEAD", path))
        head_status, head_headers, _ = read_response(sock, head=True)
        sock.sendall(request("GET", path))
        get_status, get_headers, body = read_response(sock)
    assert head_status == get_status
    assert head_headers["content-type"] == get_headers["content-type"]
    assert int(head_headers["content-length"]) == int(get_headers["content-length"]) == len(body)
    assert_secure(head_headers)


def test_head_of_an_export_sends_no_body(live_server: str) -> None:
    with connect(live_server) as sock:
        sock.sendall(request("HEAD", "/en/export/articles.csv"))
        status, headers, _ = read_response(sock, head=True)
        sock.sendall(request("GET", "/healthz"))
        after, _, body = read_response(sock)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert after == 200 and body.startswith(b'{"status":"ok"')


def test_many_heads_in_a_row_on_one_client(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=TIMEOUT) as client:
        for _ in range(5):
            assert client.head("/en/").status_code == 200
        assert client.get("/healthz").status_code == 200


# --- Answers the server gives before the app sees a request --------------------------------

LONG_URL = "/en/articles?q=" + "x" * 70_000


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"BREW /pot HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),  # not a method
        ("GET /статьи HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(), 400),  # raw UTF-8 in the line
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n", 400),
        (b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 400),
        (f"GET {LONG_URL} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(), 431),
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 40_000 + b"\r\n\r\n", 431),
    ],
    ids=["method", "non-ascii", "bad-header", "version", "long-url", "big-header"],
)
def test_protocol_errors_carry_the_security_headers(live_server: str, raw: bytes, status: int) -> None:
    with connect(live_server) as sock:
        sock.sendall(raw)
        got, headers, body = read_response(sock)
        assert closed_by_server(sock, within=2.0)
    assert got == status
    assert headers["connection"] == "close"
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert body
    assert_secure(headers)


def test_a_huge_header_is_cut_off_not_read(live_server: str) -> None:
    """50 MB of one header: the server stops reading at ARCHIVE_MAX_HEADER_BYTES and closes."""
    sent = 0
    with connect(live_server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        chunk = b"a" * 65536
        with pytest.raises(OSError):
            while sent < 50 * 1024 * 1024:
                sock.sendall(chunk)
                sent += len(chunk)
    # The kernel's socket buffers take a few megabytes; the server took only what it read.
    assert sent < 16 * 1024 * 1024
    assert httpx.get(f"{live_server}/healthz", timeout=TIMEOUT).status_code == 200


# --- Slow clients and too many of them ---------------------------------------------------


@pytest.fixture(scope="module")
def strict_server(seed_archive: tuple[Settings, object]) -> Iterator[str]:
    """The seed archive served with 1.5 s to send a request or read on, and room for 4
    connections, by one worker (the limit is each worker's)."""
    settings = {"header_timeout": "1.5", "send_timeout": "1.5", "limit_concurrency": "4", "workers": "1"}
    with serving(seed_archive[0].data_dir, **settings) as base:
        yield base


def test_a_client_that_sends_nothing_is_closed(strict_server: str) -> None:
    with connect(strict_server) as sock:
        started = time.monotonic()
        assert closed_by_server(sock, within=6.0)
    assert time.monotonic() - started < 4.0


def test_a_client_that_trickles_its_headers_is_closed(strict_server: str) -> None:
    """Slowloris: a byte every 0.2 s never completes the headers; the clock is not reset."""
    started = time.monotonic()
    closed = False
    with connect(strict_server) as sock:
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while time.monotonic() - started < 6.0:
                sock.sendall(b"X-a: b\r\n")
                time.sleep(0.2)
        except OSError:
            closed = True
        closed = closed or closed_by_server(sock, within=1.0)
    assert closed and time.monotonic() - started < 4.0


def test_a_body_trickled_after_the_answer_does_not_hold_the_connection(strict_server: str) -> None:
    """The archive reads no body: a POST announcing a gigabyte gets its 405 at once, and
    the body then trickled (each byte used to cancel the keep-alive timer) is cut off."""
    started = time.monotonic()
    closed = False
    with connect(strict_server) as sock:
        sock.sendall(request("POST", "/api/articles", "Content-Length: 1000000000\r\n"))
        status, headers, _ = read_response(sock)
        try:
            while time.monotonic() - started < 6.0:
                sock.sendall(b"x")
                time.sleep(0.2)
        except OSError:
            closed = True
        closed = closed or closed_by_server(sock, within=1.0)
    assert status == 405 and headers["allow"] == "GET"
    assert closed and time.monotonic() - started < 4.0


def test_a_client_that_stops_reading_is_dropped(strict_server: str) -> None:
    """Twenty pipelined requests for a 1.4 MB script, then nothing read: once the answers
    back up, the server waits ARCHIVE_SEND_TIMEOUT and drops the connection."""
    path = "/static/swagger/swagger-ui-bundle.js"
    length = int(httpx.head(strict_server + path, timeout=TIMEOUT).headers["content-length"])
    parts = urlsplit(strict_server)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((parts.hostname, parts.port))
    with sock:
        sock.sendall(request("GET", path) * 20)
        time.sleep(4.0)
        received = 0
        sock.settimeout(2.0)
        try:
            while chunk := sock.recv(1 << 20):
                received += len(chunk)
        except ConnectionResetError:
            pass
    assert received < 20 * length


def test_a_kept_alive_connection_gets_a_fresh_header_clock(strict_server: str) -> None:
    """Idle between requests is the keep-alive timeout's business; each request's headers
    get their own full time."""
    with connect(strict_server) as sock:
        for _ in range(3):
            time.sleep(1.0)
            sock.sendall(request("GET", "/healthz"))
            assert read_response(sock)[0] == 200


def test_past_the_connection_limit_the_answer_is_a_503_with_the_headers(strict_server: str) -> None:
    idle = [connect(strict_server) for _ in range(4)]
    try:
        with connect(strict_server) as sock:
            sock.sendall(request("GET", "/en/"))
            status, headers, body = read_response(sock)
    finally:
        for sock in idle:
            sock.close()
    assert status == 503 and body
    assert headers.get("retry-after") == "1"
    assert_secure(headers)
    time.sleep(0.2)
    assert httpx.get(f"{strict_server}/healthz", timeout=TIMEOUT).status_code == 200

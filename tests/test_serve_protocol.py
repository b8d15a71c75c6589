"""What only a real server shows: `archive serve` under uvicorn, spoken to over raw sockets.

HEAD on a kept-alive connection, the protocol-level answers uvicorn gives before the app
sees a request (bad request lines, over-long headers, the concurrency limit), and clients
that take too long to send their headers.
"""

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from app.middleware import SECURITY_HEADERS
from tests.conftest import SEED_IDS

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
    "path", ["/", "/api/articles", f"/articles/{SEED_IDS['002']}", "/static/style.css", "/articles/nope"]
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
        sock.sendall(request("HEAD", "/export/articles.csv"))
        status, headers, _ = read_response(sock, head=True)
        sock.sendall(request("GET", "/healthz"))
        after, _, body = read_response(sock)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert after == 200 and body.startswith(b'{"status":"ok"')


def test_many_heads_in_a_row_on_one_client(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=TIMEOUT) as client:
        for _ in range(5):
            assert client.head("/").status_code == 200
        assert client.get("/healthz").status_code == 200

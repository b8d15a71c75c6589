"""deploy/nginx/archive.conf, the reverse proxy the README documents: nginx accepts it, and
the seed archive served through it answers as the README says (security headers once on
every answer, nginx's own included; other Hosts dropped; over-long headers refused).

nginx is Debian's `nginx-light`; without it only the structural checks run.
"""

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.security_headers import SECURITY_HEADERS
from tests.conftest import PROJECT_ROOT, free_port, serving

CONF = PROJECT_ROOT / "deploy" / "nginx" / "archive.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "archive.example.org"
MISSING = "nginx is not installed: `make test` installs Debian's nginx-light, as it does chromium"


def site_config(upstream_port: int, listen_port: int) -> str:
    """The deployed file with the test's replica and port in place of the examples."""
    text = CONF.read_text(encoding="utf-8")
    text = re.sub(
        r"upstream archive_replicas \{.*?\n\}",
        f"upstream archive_replicas {{\n    server 127.0.0.1:{upstream_port};\n    keepalive 4;\n}}",
        text,
        flags=re.S,
    )
    return text.replace("listen 80", f"listen 127.0.0.1:{listen_port}")


def main_config(root: Path, site: Path) -> Path:
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / name).mkdir(exist_ok=True)
    conf = root / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {site};
}}
""",
        encoding="utf-8",
    )
    return conf


def test_the_proxy_sends_the_apps_security_headers() -> None:
    text = CONF.read_text(encoding="utf-8")
    added = dict(re.findall(r'^add_header ([\w-]+) "(.*)" always;$', text, flags=re.M))
    assert added == SECURITY_HEADERS
    hidden = set(re.findall(r"proxy_hide_header ([\w-]+);", text))
    assert hidden == set(SECURITY_HEADERS)


def test_the_proxy_bounds_slow_and_large_clients() -> None:
    text = CONF.read_text(encoding="utf-8")
    for directive in (
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
        "large_client_header_buffers 4 16k;",
        "proxy_set_header Host $host;",
        "return 444;",
        "limit_except GET",
        "limit_conn archive_conn",
    ):
        assert directive in text, directive


def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    assert Path(NGINX).exists(), MISSING
    site = tmp_path / "archive.conf"
    site.write_text(site_config(free_port(), free_port()), encoding="utf-8")
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main_config(tmp_path, site))],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.fixture(scope="module")
def proxied(seed_archive: tuple[Settings, object], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx with deploy/nginx/archive.conf in front of one real `archive serve`."""
    assert Path(NGINX).exists(), MISSING
    root = tmp_path_factory.mktemp("nginx")
    with serving(seed_archive[0].data_dir, allowed_hosts=HOST, public_url=f"http://{HOST}") as backend:
        port = free_port()
        site = root / "archive.conf"
        site.write_text(site_config(int(backend.rsplit(":", 1)[1]), port), encoding="utf-8")
        process = subprocess.Popen(
            [NGINX, "-p", str(root), "-c", str(main_config(root, site))],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(f"{base}/healthz", headers={"Host": HOST}, timeout=1)
                    break
                except httpx.TransportError:
                    if process.poll() is not None:
                        raise AssertionError(process.stdout.read() if process.stdout else "") from None
                    time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            process.communicate(timeout=10)


def assert_headers_once(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_list(name) == [value], name


@pytest.mark.parametrize("path", ["/en/", "/api/home", "/static/style.css", "/en/articles/nope"])
def test_pages_through_the_proxy(proxied: str, path: str) -> None:
    got = httpx.get(proxied + path, headers={"Host": HOST}, timeout=10)
    head = httpx.head(proxied + path, headers={"Host": HOST}, timeout=10)
    assert got.status_code == head.status_code
    assert got.status_code in (200, 404)
    assert_headers_once(got)
    assert_headers_once(head)


def test_the_feed_through_the_proxy_links_to_the_public_name(proxied: str) -> None:
    feed = httpx.get(proxied + "/en/feeds/articles.atom", headers={"Host": HOST}, timeout=10).text
    assert f'href="http://{HOST}/en/articles' in feed and "127.0.0.1" not in feed


def test_another_host_gets_no_answer(proxied: str) -> None:
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        httpx.get(proxied + "/en/", headers={"Host": "evil.example"}, timeout=10)


def test_nginx_own_refusals_carry_the_headers(proxied: str) -> None:
    big = httpx.get(proxied + "/en/", headers={"Host": HOST, "X-Big": "a" * 20_000}, timeout=10)
    assert big.status_code in (400, 494)
    assert_headers_once(big)
    post = httpx.post(proxied + "/api/articles", headers={"Host": HOST}, timeout=10)
    assert post.status_code == 403
    assert_headers_once(post)

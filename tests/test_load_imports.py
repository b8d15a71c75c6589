"""What a load of one file imports: not the site's gettext catalogs (Babel's catalog
modules), which only the web process and the search syntax read. Each module a fresh
`archive load FILE` imports for nothing is paid by every load."""

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from app.cli import main
code = main(["--data-dir", sys.argv[1], "load", "-q", sys.argv[2]])
site = ("babel.messages", "babel.support", "app.i18n.catalogs")
print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(site))]))
"""


def test_a_load_of_one_file_never_imports_the_site_s_catalogs(tmp_path: Path) -> None:
    article = tmp_path / "in" / "call.txt"
    article.parent.mkdir()
    article.write_text(
        "Телефонный разговор\n\n12 марта 2021 года Касым-Жомарт Токаев провел телефонный разговор "
        "с Владимиром Путиным.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data"), str(article)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    code, imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0
    assert imported == []

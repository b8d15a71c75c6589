"""What a load of one file imports: not the site's gettext catalogs (Babel's catalog
modules), which only the web process and the search syntax read, nor, once an earlier load
kept the calendar's names (app.tablecache), Babel's calendar data. Each module a fresh
`archive load FILE` imports for nothing is paid by every load."""

from pathlib import Path

from tests.conftest import own_tables, probe_load

PROBE = """
import json, sys
from app.cli import main
code = main(["--data-dir", sys.argv[1], "load", "-q", sys.argv[2]])
site = ("babel.messages", "babel.support", "app.i18n.catalogs", "babel.dates")
print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(site))]))
"""


def _load(data: Path, article: Path) -> tuple[int, list[str]]:
    """`archive load ARTICLE` in a fresh process: its exit code and the probed modules it imported."""
    # The tables kept in this archive's folder, not the suite's shared one.
    code, imported = probe_load(PROBE, data, article, env=own_tables())
    return code, imported


def test_a_load_of_one_file_imports_neither_the_site_s_catalogs_nor_babel_s_calendar(tmp_path: Path) -> None:
    article = tmp_path / "in" / "call.txt"
    article.parent.mkdir()
    text = (
        "Телефонный разговор\n\n12 марта 2021 года Касым-Жомарт Токаев провел телефонный разговор "
        "с Владимиром Путиным.\n"
    )
    article.write_text(text, encoding="utf-8")
    code, imported = _load(tmp_path / "data", article)
    assert code == 0
    # The first load reads the calendar's names from Babel, and keeps them.
    assert imported == ["babel.dates"]
    article.write_text(text + "Стороны обсудили сотрудничество.\n", encoding="utf-8")
    code, imported = _load(tmp_path / "data", article)
    assert code == 0
    assert imported == []

"""`archive load` keeps what its survey found (a tuple per stored article) out of the cyclic
collector's walks while it imports the load's modules: each full collection walked the
stored state again (at 100k articles 0.4-0.5 s of CPU of every load with work to do)."""

from pathlib import Path

from tests.conftest import probe_load

# Per collection started: how many objects were frozen, and whether it ran while the
# pipeline's module was being imported (in sys.modules, its load function not defined yet).
PROBE = """
import gc, json, sys
from app.cli import main
seen = []
def noted(phase, info):
    if phase == "start":
        pipeline = sys.modules.get("app.loader.pipeline")
        importing = pipeline is not None and getattr(pipeline, "load", None) is None
        seen.append([gc.get_freeze_count(), importing])
gc.callbacks.append(noted)
code = main(["--data-dir", sys.argv[1], "load", "-q", sys.argv[2]])
gc.callbacks.remove(noted)
print(json.dumps([code, seen]))
"""


def _load(data: Path, article: Path) -> tuple[int, list[tuple[int, bool]]]:
    code, seen = probe_load(PROBE, data, article)
    return code, [(count, importing) for count, importing in seen]


def test_the_collections_while_the_load_imports_skip_what_the_survey_found(tmp_path: Path) -> None:
    article = tmp_path / "in" / "call.txt"
    article.parent.mkdir()
    text = "Телефонный разговор\n\n12 марта 2021 года Касым-Жомарт Токаев провел телефонный разговор.\n"
    article.write_text(text, encoding="utf-8")
    assert _load(tmp_path / "data", article)[0] == 0
    article.write_text(text + "Стороны обсудили сотрудничество.\n", encoding="utf-8")
    code, seen = _load(tmp_path / "data", article)
    assert code == 0
    while_importing = [count for count, importing in seen if importing]
    assert while_importing, "the collector ran while the load's modules were imported"
    # The survey's objects were frozen before the import started: the collections it starts
    # find them frozen (on main none was frozen until the load began writing).
    assert min(while_importing) > 0

"""What `archive serve`'s modules load: the CLI, the settings and app.serving import no web
stack (FastAPI, SQLAlchemy, NumPy, Whoosh, the query layer). The supervisor of several
workers imports it once, when it serves (app.serving.preload), and forks its workers from
that; nothing else that imports these modules (another command, a test) pays for it."""

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import app.cli
from app.serving import serve, uvicorn_options
import uvicorn.supervisors
heavy = ("fastapi", "sqlalchemy", "sqlmodel", "numpy", "whoosh", "jinja2", "app.main", "app.middleware")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def test_the_supervisor_of_several_workers_loads_no_web_stack() -> None:
    root = Path(__file__).parents[1]
    done = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True, cwd=root)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []

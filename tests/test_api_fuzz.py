"""Property-based fuzzing of the JSON API from its own OpenAPI schema (Schemathesis):
every operation, valid and invalid requests, a bounded number of each, against the real
app serving the seed archive. No 5xx, and every answer is one the schema documents:
status code, content type, headers and body.

Schemathesis' lazy pytest loader does not work with pytest 9, so each operation is a
plain parametrized test that runs Hypothesis on the operation's strategy itself.
"""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.schemas import BaseSchema

from app.main import create_app
from tests.conftest import make_settings

EXAMPLES = 40  # per operation and mode: 17 runs of 40, about 35 s for the file on two cores
# Listing the operations needs the app's schema only, not an archive.
PATHS = create_app(make_settings(Path("no-archive"))).openapi()["paths"]
OPERATIONS = [(method.upper(), path) for path, methods in PATHS.items() for method in methods]
# Invalid requests exist only for operations with query parameters (any text is a valid
# path segment).
CASES = [
    (method, path, mode)
    for method, path in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE
    or any(p["in"] == "query" for p in PATHS[path][method.lower()].get("parameters", []))
]


# A request can match the schema and still be one the archive cannot act on: an opaque
# cursor it never gave out, date_from after date_to, a filter value that names nothing.
# Those are documented 400s, so a 400
# is an acceptable answer to schema-valid data (404 already is by default).
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
            }
        }
    }
)


@pytest.fixture(scope="module")
def api_schema(seed_archive) -> BaseSchema:  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(seed_archive[0]), config=CONFIG)


def test_every_api_route_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 11 and all(path.startswith("/api/") for _, path in OPERATIONS)


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_operation_conforms_to_the_schema(
    api_schema: BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    # Derandomised: the same examples on every run, so CI cannot pass one day and fail the next.
    # (A random run once found a "negative" list value that a query string cannot tell apart
    # from a valid one, e.g. country=0: schemathesis' limit, not the app's.)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def check(case: Case) -> None:
        case.call_and_validate()

    check()


def test_every_error_answer_is_documented_in_the_one_error_shape() -> None:
    """FastAPI's default 422 ({"detail": [...]}) is not what the API sends: every bad
    parameter is a 400 in the one error shape."""
    for path, methods in PATHS.items():
        responses = methods["get"]["responses"]
        errors = {status: r for status, r in responses.items() if status != "200"}
        assert "503" in errors, path
        if any(p["in"] == "query" for p in methods["get"].get("parameters", [])):
            assert "400" in errors and "422" not in errors, path
        for response in errors.values():
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, path
    assert set(PATHS["/api/search"]["get"]["responses"]) == {"200", "400", "503"}

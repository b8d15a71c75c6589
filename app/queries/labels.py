"""Human labels for facet values: leader names, country and organisation names."""

from sqlmodel import Session, col, select

from app.entities.events import event_labels
from app.models import Country, Leader, Organisation

LANGUAGE_NAMES = {"ru": "Russian", "kk": "Kazakh", "en": "English", "und": "undetermined"}


def language_name(code: str) -> str:
    """`ru` -> `Russian`: the same names the language facet shows."""
    return LANGUAGE_NAMES.get(code, code)


def facet_labels(session: Session, values: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {
        "lang": {v: language_name(v) for v in values.get("lang", [])},
        "event": {v: event_labels().get(v, v) for v in values.get("event", [])},
    }
    if values.get("leader"):
        rows = session.exec(select(Leader).where(col(Leader.slug).in_(values["leader"]))).all()
        labels["leader"] = {r.slug: r.name_en for r in rows}
    if values.get("country"):
        rows_c = session.exec(select(Country).where(col(Country.code).in_(values["country"]))).all()
        labels["country"] = {r.code: r.name_en for r in rows_c}
    if values.get("organisation"):
        rows_o = session.exec(
            select(Organisation).where(col(Organisation.code).in_(values["organisation"]))
        ).all()
        labels["organisation"] = {r.code: r.name_en for r in rows_o}
    return labels

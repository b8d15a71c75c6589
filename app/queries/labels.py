"""Human labels for facet values in the reader's language: language and event names from
the catalogs, leader, country and organisation names from the register."""

from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from app.i18n import Lang
from app.i18n.labels import event_label, language_name
from app.models import Country, Leader, Organisation
from app.queries.leaders import display_names


def facet_labels(
    session: Session, values: dict[str, list[str]], lang: Lang = "en"
) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {
        "lang": {v: language_name(lang, v) for v in values.get("lang", [])},
        "event": {v: event_label(lang, v) for v in values.get("event", [])},
    }
    tables: dict[str, tuple[type[Leader] | type[Country] | type[Organisation], Mapped[str]]] = {
        "leader": (Leader, col(Leader.slug)),
        "country": (Country, col(Country.code)),
        "organisation": (Organisation, col(Organisation.code)),
    }
    for facet, (model, key) in tables.items():
        if values.get(facet):
            names = display_names(session, model, key, values[facet], lang)
            labels[facet] = {k: name.text for k, name in names.items()}
    return labels

"""Labels the site shows for codes (languages, event types, facets), marked for the
catalogs with N_ and translated where they are shown."""

from app.i18n.catalogs import N_, translate
from app.i18n.languages import Lang

LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English"), "und": N_("undetermined")}
# Each language under its own name, as the switchers of akorda.kz and gov.kz show them.
SELF_NAMES: dict[Lang, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# The event types of app/data/events.toml (a test keeps the two in step). These words
# are also search words: "phone call", "телефонный разговор" find phone calls.
EVENT_LABELS = {
    "phone_call": N_("phone call"),
    "meeting": N_("meeting"),
    "visit": N_("visit"),
    "invitation": N_("invitation"),
    "message": N_("message"),
    "congratulation": N_("congratulation"),
}
FACET_TITLES = {
    "lang": N_("Language"),
    "event": N_("Event"),
    "leader": N_("Leader"),
    "country": N_("Country"),
    "organisation": N_("Organisation"),
    "outlet": N_("Outlet"),
}


def language_name(lang: Lang, code: str) -> str:
    """`Kazakh`, `казахский`, `қазақ тілі` for kk in each interface language."""
    return translate(lang, LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def event_label(lang: Lang, event_type: str) -> str:
    return (
        translate(lang, EVENT_LABELS[event_type])
        if event_type in EVENT_LABELS
        else event_type.replace("_", " ")
    )


def facet_title(lang: Lang, facet: str) -> str:
    return translate(lang, FACET_TITLES[facet]) if facet in FACET_TITLES else facet

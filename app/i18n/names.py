"""A name in the reader's language, or, where the register has no form in it, the nearest
form there is, always the same way: Kazakh readers get Russian before English, Russian
readers English before Kazakh, English readers Russian before Kazakh. The form shown
carries its own language, so a page can mark it (`lang`, and a note that it is not in the
reader's language)."""

from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data
from app.i18n.languages import Lang

FALLBACK: dict[Lang, tuple[Lang, ...]] = {
    "kk": ("kk", "ru", "en"),
    "ru": ("ru", "en", "kk"),
    "en": ("en", "ru", "kk"),
}
KAZAKH_LETTERS = frozenset("әғқңөұүһі")


@dataclass(frozen=True)
class Name:
    text: str
    lang: Lang


def script_language(text: str) -> Lang:
    """The language a name as printed is most likely in: Latin is English, Cyrillic with a
    letter only Kazakh has is Kazakh, other Cyrillic Russian."""
    if text.isascii():
        return "en"
    return "kk" if KAZAKH_LETTERS & set(text.lower()) else "ru"


def pick(lang: Lang, forms: dict[Lang, str | None]) -> Name:
    """The form for `lang`, else the next in FALLBACK[lang] that exists."""
    for candidate in FALLBACK[lang]:
        text = forms.get(candidate)
        if text:
            return Name(text, candidate)
    raise ValueError("a name needs at least one form")


def leader_name(
    lang: Lang, name_en: str, name_ru: str | None, name_kk: str | None, in_register: bool
) -> Name:
    """A register leader in the register's spelling for `lang`; a person found only in the
    text, as the text gives the name (in the language its letters show)."""
    if not in_register:
        # as written: a Cyrillic name's Latin form (name_en) is shown beside it, not instead
        written = name_kk or name_ru or name_en
        return Name(written, script_language(written))
    return pick(lang, {"en": name_en, "ru": name_ru, "kk": name_kk})


@lru_cache(maxsize=1)
def _source_names() -> dict[str, dict[str, str]]:
    return {
        row["name"]: {"en": row["name"], "ru": row.get("name_ru", ""), "kk": row.get("name_kk", "")}
        for row in load_data("sources.toml")["source"]
    }


def source_name(lang: Lang, name: str | None) -> str | None:
    """A cited source (stored by its English name in data/sources.toml) in `lang`."""
    if name is None or name not in _source_names():
        return name
    return pick(lang, _source_names()[name]).text  # type: ignore[arg-type]

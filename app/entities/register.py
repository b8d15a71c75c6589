"""The entity register: countries, organisations and leaders from the data files, typed.

Everything the matcher and the role resolver know comes from app/data; nothing here is
specific to one article or one outlet.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.datafiles import load_data, load_json
from app.entities.latin import latin_form
from app.text.fold import fold
from app.text.kazakh import derived_forms


@dataclass(frozen=True)
class CountryEntry:
    """A country as the register knows it, with every form the matcher looks for (its
    table row, written by the loader, is app.models.Country)."""

    code: str
    alpha_3: str
    name_en: str
    name_ru: str
    name_kk: str
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationEntry:
    """An organisation or one of its bodies in the register (table row: app.models.Organisation)."""

    code: str
    parent: str | None
    name_en: str
    name_ru: str
    name_kk: str
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    names_near_parent: tuple[str, ...] = ()

    @property
    def top(self) -> str:
        return self.parent or self.code


@dataclass(frozen=True)
class Role:
    office: str
    affiliation: str
    title_en: str
    title_ru: str
    title_kk: str
    start: dt.date | None
    end: dt.date | None
    approx: bool = False

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class LeaderEntry:
    """A person in the register, with names, honorifics and dated roles (table row:
    app.models.Leader)."""

    slug: str
    name_en: str
    name_ru: str
    name_kk: str
    names: tuple[str, ...]
    surname_alone: bool
    honorifics: tuple[str, ...]
    roles: tuple[Role, ...] = field(default=())
    # The given name with the patronymic, as one addresses the person in Russian or Kazakh
    # («Владимир Владимирович», «Қасым-Жомарт Кемелұлы», "Vladimir Vladimirovich").
    address_forms: tuple[str, ...] = ()

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on `day` (the latest role when the day is unknown)."""
        if day is not None:
            for role in self.roles:
                if role.held_on(day):
                    return role
        return max(self.roles, key=lambda r: r.start or dt.date.min, default=None)


@dataclass(frozen=True)
class RoleWords:
    phrases: tuple[str, ...]
    offices: tuple[str, ...]
    affiliation: str | None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryEntry]:
    cldr = load_json("countries.json")
    aliases = load_data("country_aliases.toml")
    extra = {c["code"]: c for c in aliases["country"]}
    derived_table = aliases["kazakh_derived"]["demonym_table"]
    # «Катар» makes no «катарлық»: folded, it is the excluded «қатар» (a row; alongside)
    excluded_folded = {fold(form) for form in excluded_country_forms()}
    result = {}
    for row in cldr:
        more = extra.get(row["code"], {})
        names = [row["name_en"], row["name_ru"], row["name_kk"]]
        if " & " in row["name_en"]:
            # CLDR's short names write `&` ("Bosnia & Herzegovina"); the press writes `and`
            names.append(row["name_en"].replace(" & ", " and "))
        for key in ("names_ru", "names_kk", "names_en"):
            names.extend(more.get(key, []))
        demonyms = [d for key in ("demonyms_ru", "demonyms_kk", "demonyms_en") for d in more.get(key, [])]
        demonyms.extend(
            adjective
            for name in (row["name_kk"], *more.get("names_kk", []))
            if " " not in name and fold(name.casefold()) not in excluded_folded
            for adjective in derived_forms(name, derived_table)
        )
        result[row["code"]] = CountryEntry(
            code=row["code"],
            alpha_3=row["alpha_3"],
            name_en=row["name_en"],
            name_ru=row["name_ru"],
            name_kk=row["name_kk"],
            names=tuple(dict.fromkeys(names)),
            abbreviations=tuple(more.get("abbreviations", [])),
            demonyms=tuple(dict.fromkeys(demonyms)),
        )
    return result


@lru_cache(maxsize=1)
def excluded_country_forms() -> frozenset[str]:
    exclude = load_data("country_aliases.toml").get("exclude", {})
    return frozenset(form.casefold() for forms in exclude.values() for form in forms)


@lru_cache(maxsize=1)
def _place_adjectives() -> dict[str, str]:
    """A place's Kazakh adjective (еуразиялық, еуропалық, қытайлық) → the place's noun, for
    the places of country_aliases.toml's `place_stems` and every country's Kazakh name."""
    aliases = load_data("country_aliases.toml")
    table = aliases["kazakh_derived"]["demonym_table"]
    places = [*aliases["kazakh_derived"]["place_stems"], *(c.name_kk for c in countries().values())]
    return {form: place for place in places if " " not in place for form in derived_forms(place, table)}


def _kazakh_noun_forms(name: str) -> list[str]:
    """«Еуразиялық экономикалық одақ» → «Еуразия экономикалық одақ»: Kazakh names an
    organisation with a place's adjective or with the place's noun before it (the head's
    possessive, одағы, is read by the stripper)."""
    words = name.split(" ")
    adjectives = _place_adjectives()
    return [
        " ".join([*words[:i], adjectives[word.lower()], *words[i + 1 :]])
        for i, word in enumerate(words)
        if word.lower() in adjectives
    ]


@lru_cache(maxsize=1)
def organisations() -> dict[str, OrganisationEntry]:
    result = {}
    for row in load_data("organisations.toml")["organisation"]:
        names = [row["name_en"], row["name_ru"], row["name_kk"], *row.get("names", [])]
        names.extend(form for name in list(names) for form in _kazakh_noun_forms(name))
        result[row["code"]] = OrganisationEntry(
            code=row["code"],
            parent=row.get("parent") or None,
            name_en=row["name_en"],
            name_ru=row["name_ru"],
            name_kk=row["name_kk"],
            names=tuple(dict.fromkeys(names)),
            abbreviations=tuple(row.get("abbreviations", [])),
            names_near_parent=tuple(row.get("names_near_parent", [])),
        )
    return result


@lru_cache(maxsize=1)
def leaders() -> dict[str, LeaderEntry]:
    result = {}
    for row in load_data("leaders.toml")["leader"]:
        names = [row["name_en"], *row.get("names_en", []), *row["names_ru"], *row["names_kk"]]
        address_forms: list[str] = []
        for patronymic_key, names_key in (("patronymic_ru", "names_ru"), ("patronymic_kk", "names_kk")):
            patronymic = row.get(patronymic_key)
            if patronymic:
                for name in row[names_key]:
                    first, _, last = name.rpartition(" ")
                    if first:
                        names.append(f"{first} {patronymic} {last}")
                        address_forms.append(f"{first} {patronymic}")
        if row.get("patronymic_ru"):
            # in English the given name as the register spells it, the patronymic transliterated
            given = row["name_en"].rpartition(" ")[0]
            patronymic_latin = latin_form(row["patronymic_ru"])
            if given and patronymic_latin:
                address_forms.append(f"{given} {patronymic_latin}")
        honorifics = [
            h for key in ("honorifics_ru", "honorifics_kk", "honorifics_en") for h in row.get(key, [])
        ]
        roles = tuple(
            Role(
                office=r["office"],
                affiliation=r["affiliation"],
                title_en=r.get("title_en", ""),
                title_ru=r.get("title_ru", ""),
                title_kk=r.get("title_kk", ""),
                start=_date(r.get("start")),
                end=_date(r.get("end")),
                approx=bool(r.get("approx", False)),
            )
            for r in row.get("role", [])
        )
        result[row["slug"]] = LeaderEntry(
            slug=row["slug"],
            name_en=row["name_en"],
            name_ru=row["names_ru"][0],
            name_kk=row["names_kk"][0],
            names=tuple(dict.fromkeys(names)),
            surname_alone=bool(row.get("surname_alone", False)),
            honorifics=tuple(dict.fromkeys(honorifics)),
            roles=roles,
            address_forms=tuple(dict.fromkeys(address_forms)),
        )
    return result


@lru_cache(maxsize=1)
def role_words() -> tuple[RoleWords, ...]:
    return tuple(
        RoleWords(
            phrases=tuple(p for key in ("phrase_ru", "phrase_kk", "phrase_en") for p in row.get(key, [])),
            offices=tuple(row["offices"]),
            affiliation=row.get("affiliation"),
        )
        for row in load_data("roles.toml")["role"]
    )


@lru_cache(maxsize=1)
def role_search_names() -> dict[str, tuple[str, ...]]:
    """What a reader may type for a role ("prime minister", "премьер-министр", "үкімет
    басшысы"), lowercased -> every phrase, in all three languages, of the roles it names: a
    role word typed in one language finds the articles that use it in any."""
    names: dict[str, set[str]] = {}
    for words in role_words():
        for phrase in words.phrases:
            names.setdefault(role_name_key(phrase), set()).update(p.lower() for p in words.phrases)
    return {name: tuple(sorted(phrases)) for name, phrases in names.items()}


def role_name_key(text: str) -> str:
    """`Премьер-Министр`, `премьер министр` -> `премьер министр`: how a typed role is looked up."""
    return " ".join(re.split(r"[\s-]+", text.lower().strip()))


def holder_of(offices: tuple[str, ...], affiliation: str, day: dt.date) -> list[tuple[LeaderEntry, Role]]:
    """Who held one of `offices` for `affiliation` on `day`, per the register."""
    found = []
    for leader in leaders().values():
        for role in leader.roles:
            if role.affiliation == affiliation and role.office in offices and role.held_on(day):
                found.append((leader, role))
    return found


def affiliation_name(code: str, lang: str = "en") -> str:
    """A country's or organisation's name in one language (en, ru or kk); the code if unknown."""
    entry: CountryEntry | OrganisationEntry | None = countries().get(code) or organisations().get(code)
    if entry is None:
        return code
    return str(getattr(entry, f"name_{lang}", entry.name_en))


def initial_fits(slug: str, initial: str) -> bool:
    """An initial fits a leader when one of their names in the initial's script starts with
    it (`Қ.Көшербаев` is not Ермек Көшербаев); a script none of the names is in cannot tell,
    nor can a slug the register lacks."""
    entry = leaders().get(slug)
    if entry is None:
        return True
    firsts = {name[:1].casefold() for name in entry.names if name[:1].isascii() == initial.isascii()}
    return not firsts or initial.casefold() in firsts

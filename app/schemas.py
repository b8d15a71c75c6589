"""Read models returned by the query layer; HTML and JSON views render the same objects."""

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class LeaderRef(BaseModel):
    slug: str
    name: str = Field(
        description="The register's name in the requested language, else the nearest form it has "
        "(as the text gives it, for people not in the register)"
    )
    name_lang: str = Field(default="en", description="The language `name` is in (kk, ru, en)")
    role: str | None = Field(default=None, description="The role as this article states it")
    affiliation: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or organisation code")
    in_register: bool = True
    resolved_from_title: bool = Field(default=False, description="Named only by a title, resolved by date")
    url: str


class CountryRef(BaseModel):
    code: str = Field(description="ISO 3166-1 alpha-2")
    name: str
    url: str


class OrganisationRef(BaseModel):
    code: str
    name: str
    url: str


class ArticleSummary(BaseModel):
    id: str
    slug: str
    url: str
    title: str = Field(description="Headline, or a title derived from the first sentence")
    title_derived: bool
    date: str | None = Field(description="ISO date at its precision; null when unknown")
    date_precision: str
    date_inferred: bool
    date_display: str = Field(description="The date as a reader of the requested language reads it")
    language: str
    outlet: str | None
    lead: str
    event_types: list[str]
    leaders: list[LeaderRef]
    countries: list[CountryRef]
    organisations: list[OrganisationRef]


class EventRef(BaseModel):
    """An event an article reports, with the other reports of it (for the article page)."""

    id: str
    url: str
    kind: str
    kind_label: str = Field(description="The kind in the requested language")
    date: str | None = Field(
        description="ISO day its dated reports agree on; null when unknown or in conflict"
    )
    date_display: str
    participants: list[str] = Field(description="Participants' names in the requested language")
    report_count: int
    inferred_date: str | None = Field(
        default=None, description="The event's date, given to this article because its text has none"
    )
    other_reports: list[ArticleSummary] = Field(default_factory=list)


class Segment(BaseModel):
    """A run of body text; `url` set when it names an entity, `mark` when it matched a query."""

    text: str
    url: str | None = None
    entity_type: str | None = None
    mark: bool = False


class RemovedLineOut(BaseModel):
    line: int
    text: str
    reason: str


class SourceLine(BaseModel):
    number: int
    text: str
    removed_reason: str | None = None


class ArticleOut(ArticleSummary):
    source_file: str
    source_url: str
    original_url: str | None = Field(
        default=None, description="Where the article was first published, when the file gives it"
    )
    headline: str | None = Field(description="The headline as printed; null when the text has none")
    cited_source: str | None
    cited_source_text: str | None
    dateline: str | None
    dateline_place: str | None
    date_evidence: str
    outlet_evidence: str
    tags: list[str]
    body: str = Field(description="The clean text; of an article longer than one part, the text of this part")
    paragraphs: list[list[Segment]] = Field(description="This part's paragraphs, mentions linked")
    part: int = Field(default=1, description="Which part of the body this is (`?part=N`, from 1)")
    parts: int = Field(default=1, description="How many parts the body has (50,000 characters each at most)")
    part_start: int = Field(default=0, description="Where this part starts in the whole body, in characters")
    unresolved_titles: list[str]
    removed_lines: list[RemovedLineOut]
    encoding: str
    language_confidence: float
    related: list[ArticleSummary] = Field(default_factory=list)
    events: list[EventRef] = Field(
        default_factory=list, description="The events this article reports, and their other reports"
    )


class ArticleSource(BaseModel):
    id: str
    title: str
    url: str
    source_file: str
    encoding: str
    lines: list[SourceLine]


class Hit(BaseModel):
    article: ArticleSummary
    score: float | None = None
    snippet: list[Segment] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str
    label: str
    count: int
    selected: bool = False


class TimelineBucket(BaseModel):
    month: str = Field(description="YYYY-MM")
    label: str = Field(default="", description="The month in the requested language: `Қаңтар 2026 ж.`")
    count: int
    url: str | None = Field(default=None, description="The list narrowed to this month or year (events)")


class Page(BaseModel, Generic[T]):
    """The one envelope of every list the API gives: a list sent whole today is a page of
    one, so paging can come later without changing its shape."""

    items: list[T]
    total: int = Field(description="How many items the whole list has")
    limit: int = Field(description="Items per page (a list sent whole: its length)")
    next: str | None = Field(
        default=None, description='URL of the next page (also in the Link header, rel="next")'
    )
    previous: str | None = Field(
        default=None, description='URL of the previous page (also in the Link header, rel="prev")'
    )

    @classmethod
    def whole(cls, items: list[T]) -> "Page[T]":
        """A list sent in one page."""
        return cls(items=items, total=len(items), limit=len(items))


class ResolvedFilter(BaseModel):
    """A filter value given as a name (`leader=Tokayev`) and read as the archive's key."""

    parameter: str = Field(description="The parameter: lang, outlet, leader, country, organisation, event")
    given: str = Field(description="The value as given")
    value: str = Field(description="The key it was read as, which `filters` holds")
    label: str = Field(description="What that key names, for a person")


class SearchResults(Page[Hit]):
    query: str
    filters: dict[str, list[str]] = Field(
        description="Every filter applied, by parameter, as values (date_from and date_to included)"
    )
    sort: str
    facets: dict[str, list[FacetValue]]
    timeline: list[TimelineBucket]
    undated: int = Field(description="Matching articles whose date is unknown")
    suggestion: str | None = Field(default=None, description='"Did you mean" for a query with no hits')
    resolved: list[ResolvedFilter] = Field(
        default_factory=list, description="Filter values given as names, and the keys they were read as"
    )


class Participant(BaseModel):
    slug: str
    name: str
    name_lang: str = Field(default="en", description="The language `name` is in (kk, ru, en)")
    role: str | None = Field(description="The role as the reports state it, else the register's")
    affiliation: str | None = Field(description="ISO 3166-1 alpha-2 or organisation code")
    affiliation_name: str | None
    url: str


class EventSummary(BaseModel):
    id: str
    url: str
    kind: str = Field(
        description="phone_call, meeting, visit, message, congratulation, invitation or contact"
    )
    kind_label: str = Field(description="The kind in the requested language")
    participants: list[Participant]
    countries: list[str] = Field(description="The participants' countries or organisations (codes)")
    date: str | None = Field(
        description="ISO day its dated reports agree on; null when unknown or in conflict"
    )
    date_precision: str = Field(description="`day`, or `unknown` (no report dates it, or they conflict)")
    date_display: str
    date_conflict: bool = Field(description="Its dated reports disagree, so the event is given no date")
    report_count: int
    languages: list[str] = Field(description="Languages of its reports")


class ReportDate(BaseModel):
    """A date one or more reports state, so that a conflict between them is shown."""

    date: str
    date_display: str
    reports: list[str] = Field(description="Article ids stating it")


class AddedDetail(BaseModel):
    """Something one report of an event tells that none of its other reports does."""

    kind: Literal["quote", "topic", "person", "organisation", "country", "place"]
    label: str = Field(description="The quote as the report gives it, or the name in the requested language")
    lang: str | None = Field(default=None, description="The language of `label` when it is not the page's")
    url: str | None = Field(default=None, description="The page of the person, country or organisation")


class EventReportOut(BaseModel):
    article: ArticleSummary
    adds: list[AddedDetail] = Field(
        default_factory=list,
        description="What this report alone tells of the event (app/queries/event_adds.py): its own "
        "longest quote (compared within its language), then subjects, people, organisations, countries "
        "and places no other report of the event names",
    )
    reasons: list[str] = Field(description="Why the loader linked it, as the loader says it (English)")
    linked_to: list[ArticleSummary] = Field(
        default_factory=list, description="The reports its reasons name (`linked to ...`)"
    )
    inferred_date: str | None = Field(description="The event's date, for a report whose text gives none")
    date_evidence: list[ArticleSummary] = Field(description="The dated reports the inferred date comes from")


class ReportGroup(BaseModel):
    """The reports of one event in one language from one outlet."""

    language: str
    outlet: str | None
    reports: list[EventReportOut]


class EventOut(EventSummary):
    date_basis: list[ReportDate] = Field(
        description="The dates its reports state, earliest first: one entry when they agree, "
        "several in a conflict"
    )
    dates_disagree: bool = Field(description="The reports state different days: shown, not hidden")
    inferred_for: list[str] = Field(description="Article ids given the event's date as inferred")
    datelines: list[str] = Field(
        default_factory=list,
        description="The places its reports' datelines state (where a report was filed; for a meeting "
        "or visit, usually where it was held)",
    )
    groups: list[ReportGroup] = Field(description="Every report, by language and outlet, earliest first")
    names: dict[str, str] = Field(
        default_factory=dict,
        description="Names, in the page's language, of what the reports' link reasons cite: "
        "leaders by slug, organisations and countries as org:CODE and country:CODE, places by slug",
    )


class EventList(Page[EventSummary]):
    filters: dict[str, list[str]] = Field(description="Every filter applied, by parameter")
    facets: dict[str, list[FacetValue]] = Field(
        description="kind, leader, country, year: counts in this list"
    )
    undated: int = Field(description="Events in this list with no date")
    resolved: list[ResolvedFilter] = Field(default_factory=list)
    timeline: list[TimelineBucket] = Field(
        default_factory=list,
        description="Dated events of this list per month, oldest first (per year, `month` YYYY, "
        "when they span more than three years), each with the list narrowed to it",
    )


class EventYear(BaseModel):
    year: int | None = Field(description="null: events with no date")
    count: int
    url: str = Field(description="The events list filtered to this year")


class EventCalendar(BaseModel):
    """An entity's events (not articles) by year, for the leader and country pages."""

    total: int
    url: str = Field(description="The events list filtered to this entity")
    years: list[EventYear]
    latest: list[EventSummary]


class RoleOut(BaseModel):
    office: str
    title: str
    affiliation: str
    affiliation_name: str
    start: str | None
    end: str | None
    approx: bool = False


class CountOut(BaseModel):
    key: str
    name: str
    name_lang: str = Field(default="en", description="The language `name` is in (kk, ru, en)")
    url: str
    count: int


class LeaderSummary(BaseModel):
    slug: str
    name: str
    name_lang: str = Field(default="en", description="The language `name` is in (kk, ru, en)")
    url: str
    in_register: bool
    affiliation: str | None
    affiliation_name: str | None
    role: str | None
    role_start: str | None = Field(default=None, description="When the role began (YYYY-MM-DD), if known")
    role_end: str | None = Field(default=None, description="When it ended; null while it lasts or if unknown")
    articles: int


class LeaderOut(LeaderSummary):
    names: dict[str, list[str]] = Field(
        description="Register names per language, and `seen`: every form in the texts"
    )
    roles: list[RoleOut]
    article_list: list[ArticleSummary]
    co_leaders: list[CountOut]
    co_countries: list[CountOut]
    timeline: list[TimelineBucket]
    events: EventCalendar | None = Field(default=None, description="The events the leader takes part in")


class CountrySummary(BaseModel):
    code: str
    name: str = Field(description="CLDR name in the requested language")
    name_en: str
    name_ru: str
    name_kk: str
    url: str
    articles: int


class CountryOut(CountrySummary):
    names_seen: list[str]
    article_list: list[ArticleSummary]
    leaders: list[CountOut]
    counterparts: list[CountOut]
    timeline: list[TimelineBucket]
    events: EventCalendar | None = Field(
        default=None, description="Events with a participant from this country"
    )


class OrganisationSummary(BaseModel):
    code: str
    name: str = Field(description="Name in the requested language")
    name_en: str
    name_ru: str
    name_kk: str
    parent: str | None
    url: str
    articles: int


class OrganisationOut(OrganisationSummary):
    names_seen: list[str]
    article_list: list[ArticleSummary]
    leaders: list[CountOut]
    timeline: list[TimelineBucket]
    events: EventCalendar | None = Field(
        default=None, description="Events with a participant from this organisation"
    )


class HomeOut(BaseModel):
    articles: int
    by_language: dict[str, int]
    leaders: int
    leaders_in_register: int
    countries: int
    organisations: int
    date_from: str | None
    date_to: str | None
    undated: int
    latest: list[ArticleSummary]
    top_leaders: list[CountOut]
    top_countries: list[CountOut]
    build: str


class AboutOut(BaseModel):
    articles: int
    inferred_dates: int
    unknown_dates: int
    day_month_only: int
    derived_titles: int
    unresolved_titles: int
    leaders_not_in_register: int
    build: str


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status code")
    title: str = Field(description="Its standard phrase")
    message: str = Field(description="What went wrong and what to do, for a person")
    details: list[str] = Field(
        description="One line per parameter at fault (400): what it should be, or what exists"
    )


class ErrorOut(BaseModel):
    """The one shape of every 4xx/5xx answer under /api."""

    error: ErrorDetail

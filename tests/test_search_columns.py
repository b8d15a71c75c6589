"""The fast path (column arrays, long-lived searchers) answers exactly what a plain walk over
Whoosh's results and stored fields answers, on seeds plus a synthetic corpus."""

import shutil
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session
from whoosh import query as wq

from app.build import layout as builds
from app.build.archive import open_archive
from app.loader.pipeline import load
from app.queries.search import search
from app.search.engine import ArticleQuery, build_query
from bench.corpus import write_corpus
from tests.conftest import SEEDS_DIR, make_settings

FIELDS = {"lang": "language", "outlet": "outlet", "leader": "leaders", "country": "countries",
          "organisation": "organisations", "event": "event_types"}  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("columns") / "corpus"
    write_corpus(corpus, 520)  # over the multi-process writer threshold: several segments
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus)
    settings = make_settings(corpus.parent / "data")
    assert load([corpus], settings).published
    return open_archive(builds.current_build(settings.data_dir))


def reference(archive, request: ArticleQuery) -> tuple[int, dict[str, Counter], Counter, list[str]]:
    """Walk every match, read stored fields, filter in Python: slow and obviously right."""
    text = build_query(request.q) if request.q.strip() else wq.Every()
    with archive.index.searcher() as searcher:
        docs = [hit.fields() for hit in searcher.search(text, limit=None)]
    kept = []
    for doc in docs:
        ok = True
        for name, values in request.filters.items():
            have = (
                set((doc.get(FIELDS[name]) or "").split(","))
                if FIELDS[name] not in ("language", "outlet")
                else {doc.get(FIELDS[name]) or ""}
            )
            if values and (
                not (have & set(values)) if name in ("lang", "outlet") else not set(values) <= have
            ):
                ok = False
        date = doc.get("date_sort") or 0
        if request.date_from and (not date or date < int(request.date_from.strftime("%Y%m%d"))):
            ok = False
        if ok:
            kept.append(doc)
    facets = {name: Counter() for name in FIELDS}
    months: Counter = Counter()
    for doc in kept:
        for name, field in FIELDS.items():
            value = doc.get(field) or ""
            facets[name].update(
                v for v in (value.split(",") if field not in ("language", "outlet") else [value]) if v
            )
        if doc.get("date_sort"):
            months[f"{doc['date_sort'] // 10000:04d}-{doc['date_sort'] // 100 % 100:02d}"] += 1
    dated = sorted((d for d in kept if d.get("date_sort")), key=lambda d: (-d["date_sort"], d["id"]))
    undated = sorted((d for d in kept if not d.get("date_sort")), key=lambda d: d["id"])
    return len(kept), facets, months, [d["id"] for d in dated + undated]


@pytest.mark.parametrize(
    "request_",
    [
        ArticleQuery(),
        ArticleQuery(q="Токаев"),
        ArticleQuery(q="Тоқаев", filters={"lang": ["kk"]}),
        ArticleQuery(q="сотрудничества", filters={"country": ["CN"]}),
        ArticleQuery(filters={"leader": ["vladimir-putin", "kassym-jomart-tokayev"]}),
        ArticleQuery(filters={"event": ["phone_call"], "lang": ["ru", "kk"]}),
        ArticleQuery(q='"телефонный разговор"'),
        ArticleQuery(q='"телефон арқылы" Тоқаев'),
        ArticleQuery(q="Токаев -Путин"),
        ArticleQuery(q='"взаимной торговли"', sort="newest"),
        ArticleQuery(filters={"country": ["IL"]}),
        ArticleQuery(q="Израиль", sort="newest"),
        ArticleQuery(q="нетакогословавархиве"),
    ],
    ids=lambda r: f"q={r.q}|{r.filters}",
)
def test_fast_path_equals_the_plain_walk(archive, request_: ArticleQuery) -> None:
    request_.limit = 100
    request_.filters = {**{name: [] for name in FIELDS}, **request_.filters}
    total, facets, months, ordered = reference(archive, request_)
    with Session(archive.engine) as session:
        result = search(archive, session, request_)
    assert result.total == total
    for name in FIELDS:
        expected = sorted(facets[name].items(), key=lambda item: (-item[1], item[0]))[:30]
        assert [(f.value, f.count) for f in result.facets[name]] == expected, name
    assert {b.month: b.count for b in result.timeline} == dict(months)
    shown = [h.article.id for h in result.items]
    if result.sort == "relevance":
        assert set(shown) <= set(ordered) and len(shown) == min(total, 100)
    else:
        assert shown == ordered[:100]


def test_a_cursor_walks_every_match_once(archive) -> None:
    seen: list[str] = []
    request_ = ArticleQuery(q="Токаев", sort="oldest", limit=37)
    with Session(archive.engine) as session:
        while True:
            page = search(archive, session, request_)
            seen += [h.article.id for h in page.items]
            if not page.next:
                break
            request_.cursor = page.next
    assert len(seen) == len(set(seen)) == page.total


def test_cached_results_equal_uncached_ones(archive) -> None:
    queries = [ArticleQuery(q="Токаев"), ArticleQuery(q="Қытай", filters={"lang": ["kk"]}), ArticleQuery()]
    with Session(archive.engine) as session:
        first = [search(archive, session, q).model_dump() for q in queries]
        cached = [search(archive, session, q).model_dump() for q in queries]
        fresh_archive = open_archive(archive.build)
        uncached = [search(fresh_archive, session, q).model_dump() for q in queries]
    assert len(archive.cache._entries) >= 3
    assert first == cached == uncached


def test_a_search_past_its_time_limit_is_refused_not_left_running(archive) -> None:
    from app.search.engine import QueryTooExpensive, match_mask

    with pytest.raises(QueryTooExpensive):
        match_mask(archive, ArticleQuery(q='"телефонный разговор"'), deadline=time.monotonic() - 1)


def test_a_refusal_is_remembered(archive, monkeypatch) -> None:
    import app.queries.search as search_module

    calls = []

    def too_slow(*args, **kwargs):
        calls.append(1)
        raise search_module.QueryTooExpensive("too long")

    monkeypatch.setattr(search_module, "search_core", too_slow)
    with Session(archive.engine) as session:
        for _ in range(2):
            with pytest.raises(search_module.QueryTooExpensive):
                search(archive, session, ArticleQuery(q="редкоеслово"))
    assert calls == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Токаев",
        "Тоқаев Қытай",
        "Израиль OR Путин",
        "Токаев -Путин",
        "сотрудн*",
        '"телефонный разговор"',
        '"телефон арқылы" Тоқаев',
        '"расширению взаимной торговли"',
        '"Президент Казахстана"',
        '"Қазақстан Президенті"',
        "leader:vladimir-putin lang:kk",
        "country:CN date:2021..2023",
        "event:phone_call NOT Эрдоган",
    ],
)
def test_array_matching_equals_whoosh_docs(archive, text: str) -> None:
    import time

    import numpy as np

    from app.search.matching import ArrayMatcher

    query = build_query(text)
    expected = set(query.docs(archive.searcher()))
    mask = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, time.monotonic() + 30).mask(query)
    assert set(np.flatnonzero(mask & archive.columns.live).tolist()) == expected
    assert expected


def related_by_sql(session: Session, article_id: str, limit: int) -> list[str]:
    """The related-articles rule in plain SQL, with no cut-offs: every shared leader (weight 2)
    and country (weight 1), each divided by log(2 + its number of articles)."""
    import math
    from collections import defaultdict

    from sqlalchemy import func
    from sqlmodel import col, select

    from app.models import ArticleCountry, ArticleLeader

    shared: dict[str, float] = defaultdict(float)
    for table, key, weight in (
        (ArticleLeader, ArticleLeader.leader_slug, 2.0),
        (ArticleCountry, ArticleCountry.country_code, 1.0),
    ):
        mine = select(key).where(col(table.article_id) == article_id)
        counts = session.exec(select(key, func.count()).where(col(key).in_(mine)).group_by(key)).all()
        for entity, df in counts:
            others = session.exec(
                select(table.article_id).where(key == entity, col(table.article_id) != article_id)
            ).all()
            for other in others:
                shared[other] += weight / math.log(2 + df)
    return [i for i, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def live_ids(archive) -> list[str]:
    columns = archive.columns
    return sorted(str(columns.ids[d]) for d in range(columns.size) if columns.live[d])


def test_an_article_s_document_is_its_live_one(archive, tmp_path: Path) -> None:
    """The binary search over ids finds each live article's document, and no other; after
    an article changes, its old (deleted) document is not the one found."""
    columns = archive.columns
    plain = {str(columns.ids[d]): d for d in range(columns.size) if columns.live[d]}
    assert {article_id: columns.docnum(article_id) for article_id in plain} == plain
    assert columns.docnum("no-such-article") is None and columns.docnum("") is None
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS_DIR.iterdir())
    for seed in seeds:
        shutil.copy(seed, corpus)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    changed = corpus / seeds[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nОдна новая строка.\n", encoding="utf-8")
    assert load([corpus], settings).published
    reloaded = open_archive(builds.current_build(settings.data_dir)).columns
    ids = [str(i) for i in reloaded.ids]
    assert not reloaded.live.all()  # the changed article's old document is still there, deleted
    assert reloaded.docnum("") is None  # a deleted document has no id in the columns
    for article_id in {i for i in ids if i}:
        found = reloaded.docnum(article_id)
        assert found is not None and reloaded.live[found] and ids[found] == article_id


def related_by_scan(columns, article_id: str, limit: int, entities: int, scan: int) -> list[str]:
    """The related articles as first written: every posting scanned for each shared value,
    and all its articles sorted by date."""
    import math
    from collections import defaultdict

    import numpy as np

    docnum = columns.docnum(article_id)
    shared: dict[int, float] = defaultdict(float)
    for name, weight in (("leader", 2.0), ("country", 1.0)):
        values, rows, _ = columns.multi[name]
        mine = np.unique(values[rows == docnum])
        counts = columns.entity_counts[name]
        for code in sorted(mine.tolist(), key=lambda c: (counts[c], c))[:entities]:
            others = rows[values == code]
            others = others[columns.live[others] & (others != docnum)]
            for other in columns.by_date(others, newest=True)[:scan].tolist():
                shared[other] += weight / math.log(2 + int(counts[code]))
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1], str(columns.ids[kv[0]])))
    return [str(columns.ids[d]) for d, _ in ranked[:limit]]


@pytest.mark.parametrize(("limit", "entities", "scan"), [(5, 4, 300), (8, 1, 3), (3, 2, 1), (50, 9, 10_000)])
def test_related_articles_read_from_the_value_groups_equal_the_full_scan(
    archive, limit, entities, scan
) -> None:
    """The heads of the per-value groups give what scanning and sorting everything gave,
    with the cut-offs biting (few entities, a short scan) and without them."""
    columns = archive.columns
    for article_id in live_ids(archive):
        expected = related_by_scan(columns, article_id, limit, entities, scan)
        assert columns.related(article_id, limit, entities, scan) == expected, article_id


def test_related_articles_from_columns_equal_the_sql_rule(archive) -> None:
    """With no cut-offs (every shared entity, every article) the two ways agree exactly."""
    everything = {"entities": 1000, "scan": 10**6}
    checked = 0
    with Session(archive.engine) as session:
        for article_id in live_ids(archive)[::7]:
            expected = related_by_sql(session, article_id, limit=8)
            assert archive.columns.related(article_id, 8, **everything) == expected, article_id
            checked += bool(expected)
    assert checked > 50
    assert archive.columns.related("no-such-article", 8, 4, 300) is None


def test_a_phrase_matches_its_words_in_order_only(archive) -> None:
    import time

    import numpy as np

    from app.search.matching import ArrayMatcher

    def matched(text: str) -> set[int]:
        mask = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, time.monotonic() + 30).mask(
            build_query(text)
        )
        return set(np.flatnonzero(mask & archive.columns.live).tolist())

    both_words = matched("телефонный разговор")
    in_order = matched('"телефонный разговор"')
    assert in_order and in_order <= both_words
    reversed_phrase = '"разговор телефонный"'
    assert matched(reversed_phrase) == set(build_query(reversed_phrase).docs(archive.searcher()))


def aggregates_by_sql(session: Session, link, key_column, key: str) -> dict:  # type: ignore[no-untyped-def]
    """What an entity page shows, counted in plain SQL over the link tables: the slow,
    obviously right reference for the pages' column arrays."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from app.models import Article, ArticleCountry, ArticleLeader, Country, Leader
    from app.queries.leaders import ARTICLES_SHOWN

    linked = select(link.article_id).where(key_column == key)

    def co_occurring(table, table_key, model, model_key) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
        count = func.count()
        rows = session.exec(
            select(model_key, count)
            .join(table, col(table_key) == col(model_key))
            .where(col(table.article_id).in_(linked), model_key != key)
            .group_by(model_key)
            .order_by(count.desc(), col(model.name_en))
        ).all()
        return [(k, n) for k, n in rows]

    month = (col(Article.date_sort) // 100).label("month")
    months = session.exec(
        select(month, func.count())
        .join(link, col(link.article_id) == col(Article.id))
        .where(key_column == key, col(Article.date_sort).is_not(None))
        .group_by(month)
        .order_by(month)
    ).all()
    return {
        "articles": session.exec(select(func.count()).where(key_column == key)).one(),
        "newest": list(
            session.exec(
                select(link.article_id)
                .join(Article, col(Article.id) == col(link.article_id))
                .where(key_column == key)
                .order_by(col(Article.date_sort).desc().nulls_last(), col(Article.id))
                .limit(ARTICLES_SHOWN)
            ).all()
        ),
        "leaders": co_occurring(ArticleLeader, ArticleLeader.leader_slug, Leader, Leader.slug),
        "countries": co_occurring(ArticleCountry, ArticleCountry.country_code, Country, Country.code),
        "timeline": [(f"{m // 100:04d}-{m % 100:02d}", n) for m, n in months],
    }


def test_entity_pages_from_columns_equal_the_sql_aggregates(archive) -> None:
    """Leader, country and organisation pages: counts, lists, co-occurrences and timeline
    from the column arrays equal what SQL counts over the link tables."""
    from app.models import ArticleCountry, ArticleLeader, ArticleOrganisation
    from app.queries.affiliations import get_country, get_organisation
    from app.queries.leaders import get_leader

    pairs = lambda items: [(item.key, item.count) for item in items]  # noqa: E731
    with Session(archive.engine) as session:
        for slug in ("kassym-jomart-tokayev", "vladimir-putin", "xi-jinping", "isaac-herzog"):
            expected = aggregates_by_sql(session, ArticleLeader, ArticleLeader.leader_slug, slug)
            page = get_leader(session, slug, "date", archive.columns)
            assert page.articles == expected["articles"] > 0, slug
            assert [a.id for a in page.article_list] == expected["newest"], slug
            assert pairs(page.co_leaders) == expected["leaders"][:20], slug
            assert pairs(page.co_countries) == expected["countries"][:20] != [], slug
            assert [(b.month, b.count) for b in page.timeline] == expected["timeline"] != [], slug
            central = get_leader(session, slug, "central", archive.columns)
            assert len(central.article_list) == len(expected["newest"]), slug  # its order is SQL's
        for code in ("KZ", "CN", "IL", "UZ"):
            expected = aggregates_by_sql(session, ArticleCountry, ArticleCountry.country_code, code)
            page = get_country(session, code, archive.columns)
            assert page.articles == expected["articles"] > 0, code
            assert [a.id for a in page.article_list] == expected["newest"], code
            assert pairs(page.counterparts) == expected["countries"] != [], code
            assert [(b.month, b.count) for b in page.timeline] == expected["timeline"], code
        organisations = 0
        for code in ("UN", "SCO", "CIS", "OTS"):
            org_key = ArticleOrganisation.organisation_code
            expected = aggregates_by_sql(session, ArticleOrganisation, org_key, code)
            page = get_organisation(session, code, archive.columns)
            assert page.articles == expected["articles"], code
            assert [a.id for a in page.article_list] == expected["newest"], code
            assert [(b.month, b.count) for b in page.timeline] == expected["timeline"], code
            organisations += page.articles
        assert organisations > 0


@pytest.mark.parametrize("bit_sets", [True, False])
def test_the_searchs_tally_equals_the_columns_counts(archive, monkeypatch, bit_sets: bool) -> None:
    """Facet counts and timeline as search counts them (app.search.facets, prepared once per
    build) equal the columns' own, on random sets of matches of every density, the empty and
    the full one, and on the matches of real queries; counted from per-value bit sets (every
    facet of this archive has few values) and from the codes (when bit sets are off)."""
    from app.build.columns import Columns, load_columns
    from app.search import facets
    from app.search.engine import match_mask
    from app.search.facets import tally

    if not bit_sets:
        monkeypatch.setattr(facets, "BIT_SET_VALUES", 0)
    kept = [name for name, facet in tally(archive.columns).facets.items() if facet.bits is not None]
    assert len(kept) == (len(archive.columns.single) + len(archive.columns.multi) if bit_sets else 0)

    # The same build with every 7th article's outlet unknown (""): a value never counted.
    arrays = load_columns(archive.build)
    assert "" not in set(arrays["outlet_vocab"].tolist())
    arrays["outlet_vocab"] = np.array(["", *arrays["outlet_vocab"].tolist()], dtype=str)
    arrays["outlet_codes"] = arrays["outlet_codes"] + 1
    arrays["outlet_codes"][::7] = 0
    rng = np.random.default_rng(16)
    for columns in (archive.columns, Columns(arrays)):
        counted = tally(columns)
        masks = [np.zeros(columns.size, dtype=bool), columns.live.copy()]
        masks += [columns.live & (rng.random(columns.size) < p) for p in (0.001, 0.01, 0.1, 0.5, 0.9)]
        masks += [match_mask(archive, ArticleQuery(q=q)) for q in ("Токаев", "Тоқаев Қытай", "визит -Путин")]
        for mask in masks:
            assert counted.facet_counts(mask) == columns.facet_counts(mask)
            assert counted.timeline(mask) == columns.timeline(mask)

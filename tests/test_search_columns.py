"""The fast path (column arrays, long-lived searchers) answers exactly what a plain walk over
Whoosh's results and stored fields answers, on seeds plus a synthetic corpus."""

import shutil
from collections import Counter

import pytest
from sqlmodel import Session
from whoosh import query as wq

from app.archive import open_archive
from app.loader import builds
from app.loader.pipeline import load
from app.queries.search import ArticleQuery, build_query, search
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
    from app.queries.search import QueryTooExpensive, match_mask

    with pytest.raises(QueryTooExpensive):
        match_mask(archive, ArticleQuery(q='"телефонный разговор"'), time_limit=-1)


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

    from app.queries.matching import Matcher

    query = build_query(text)
    expected = set(query.docs(archive.searcher()))
    mask = Matcher(archive.postings, archive.columns, archive.whoosh, time.monotonic() + 30).mask(query)
    assert set(np.flatnonzero(mask & archive.columns.live).tolist()) == expected
    assert expected


def test_related_articles_from_columns_equal_the_sql_rule(archive) -> None:
    """With no cut-offs (every shared entity, every article) the two ways agree exactly."""
    from app.queries.articles import related_ids

    everything = {"entities": 1000, "scan": 10**6}
    checked = 0
    with Session(archive.engine) as session:
        for article_id in list(archive.columns.docnum_of)[::7]:
            expected = related_ids(session, article_id, limit=8, **everything)
            assert archive.columns.related(article_id, 8, **everything) == expected, article_id
            checked += bool(expected)
    assert checked > 50
    assert archive.columns.related("no-such-article", 8, 4, 300) is None


def test_a_phrase_matches_its_words_in_order_only(archive) -> None:
    import time

    import numpy as np

    from app.queries.matching import Matcher

    def matched(text: str) -> set[int]:
        mask = Matcher(archive.postings, archive.columns, archive.whoosh, time.monotonic() + 30).mask(
            build_query(text)
        )
        return set(np.flatnonzero(mask & archive.columns.live).tolist())

    both_words = matched("телефонный разговор")
    in_order = matched('"телефонный разговор"')
    assert in_order and in_order <= both_words
    reversed_phrase = '"разговор телефонный"'
    assert matched(reversed_phrase) == set(build_query(reversed_phrase).docs(archive.searcher()))


def test_entity_pages_from_columns_equal_the_sql_aggregates(archive) -> None:
    """Leader and country pages: counts, co-occurrences, timeline and lists agree both ways."""
    from app.queries.leaders import get_leader
    from app.queries.places import get_country

    with Session(archive.engine) as session:
        for slug in ("kassym-jomart-tokayev", "vladimir-putin", "xi-jinping", "isaac-herzog"):
            for order in ("central", "date"):
                from_sql = get_leader(session, slug, order)
                from_columns = get_leader(session, slug, order, archive.columns)
                assert from_columns == from_sql, (slug, order)
            assert from_sql.articles > 0 and from_sql.co_countries and from_sql.timeline
        for code in ("KZ", "CN", "IL", "UZ"):
            from_sql = get_country(session, code)
            assert get_country(session, code, archive.columns) == from_sql, code
            assert from_sql.articles > 0 and from_sql.counterparts

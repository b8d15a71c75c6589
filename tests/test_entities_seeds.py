"""Entities through the real loader, per seed, from reading the seeds."""

import pytest
from sqlmodel import Session, create_engine, select

from app.build import layout as builds
from app.models import Article, ArticleCountry, ArticleLeader, ArticleOrganisation, Leader, Mention
from tests.conftest import SEED_IDS
from tests.seed_entities import SEED_ENTITIES, TOKAYEV


@pytest.fixture(scope="module")
def session(seed_archive):
    settings, _ = seed_archive
    build = builds.current_build(settings.data_dir)
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as s:
        yield s
    engine.dispose()


def leaders_of(session: Session, number: str) -> dict[str, ArticleLeader]:
    rows = session.exec(select(ArticleLeader).where(ArticleLeader.article_id == SEED_IDS[number])).all()
    return {r.leader_slug: r for r in rows}


def countries_of(session: Session, number: str) -> set[str]:
    rows = session.exec(select(ArticleCountry).where(ArticleCountry.article_id == SEED_IDS[number])).all()
    return {r.country_code for r in rows}


def organisations_of(session: Session, number: str) -> set[str]:
    rows = session.exec(
        select(ArticleOrganisation).where(ArticleOrganisation.article_id == SEED_IDS[number])
    ).all()
    return {r.organisation_code for r in rows}


def article(session: Session, number: str) -> Article:
    return session.get(Article, SEED_IDS[number])


@pytest.mark.parametrize(
    ("number", "leaders", "countries", "organisations", "events"),
    [(number, *expected) for number, expected in SEED_ENTITIES.items()],
)
def test_seed_entities(session, number, leaders, countries, organisations, events) -> None:
    found = leaders_of(session, number)
    assert {slug: link.affiliation for slug, link in found.items()} == leaders
    assert countries_of(session, number) == countries
    assert organisations_of(session, number) == organisations
    assert article(session, number).event_types == events


def test_president_of_israel_in_2026_is_resolved_from_the_title(session) -> None:
    herzog = leaders_of(session, "002")["isaac-herzog"]
    assert herzog.resolved_from_title is True
    assert "Президента Израиля" in (herzog.role_title or "")
    named = leaders_of(session, "002")["gideon-saar"]
    assert named.resolved_from_title is False


def test_undated_titles_are_the_person_the_article_names_with_them(session) -> None:
    # Seed 001 has no date, but opens with «Қазақстан президенті Қасым-Жомарт Тоқаев»: its
    # later «Қазақстан Президенті» is him, and «Қытай мемлекетінің басшысы» is Xi Jinping,
    # named as «ҚХР Төрағасы». Nobody is "resolved from title" by a date.
    seed_001 = article(session, "001")
    assert seed_001.unresolved_titles == []
    titles = session.exec(
        select(Mention.surface, Mention.entity_key).where(
            Mention.article_id == SEED_IDS["001"], Mention.kind == "title"
        )
    ).all()
    assert ("Қазақстан Президенті", TOKAYEV) in titles
    assert ("Қытай мемлекетінің басшысы", "xi-jinping") in titles
    assert all(not link.resolved_from_title for link in leaders_of(session, "004").values())
    assert article(session, "004").unresolved_titles == []


def test_boilerplate_names_are_not_extracted(session) -> None:
    slugs = {row.slug for row in session.exec(select(Leader)).all()}
    assert not any("vodnev" in s or "nurzhigit" in s or "nuerzhigit" in s for s in slugs)
    surfaces = {m.surface for m in session.exec(select(Mention)).all()}
    assert not any("Воднев" in s or "Нұржігіт" in s for s in surfaces)


def test_tokayev_is_one_leader_across_languages(session) -> None:
    rows = session.exec(select(ArticleLeader).where(ArticleLeader.leader_slug == TOKAYEV)).all()
    assert {r.article_id for r in rows} == set(SEED_IDS.values())
    forms = {m.surface for m in session.exec(select(Mention).where(Mention.entity_key == TOKAYEV)).all()}
    assert {
        "Токаев",
        "Касым-Жомарта Кемелевича Токаева",
        "Қасым-Жомарт Тоқаев",
        "Қасым-Жомарт Тоқаевқа",
        "Тоқаев",
    } <= forms


def test_mentions_point_at_the_clean_body(session) -> None:
    for number in SEED_IDS:
        body = article(session, number).body
        title = article(session, number).display_title
        rows = session.exec(select(Mention).where(Mention.article_id == SEED_IDS[number])).all()
        assert rows
        for m in rows:
            text = title if m.field == "title" else body
            assert text[m.start : m.end] == m.surface


def test_centrality_ranks_the_subject_first(session) -> None:
    ranked = sorted(leaders_of(session, "002").values(), key=lambda link: -link.centrality)
    assert ranked[0].leader_slug == "maulen-ashimbayev"

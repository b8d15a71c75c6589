"""Site boilerplate found across pages: a line one outlet prints on many pages of a load goes
from each of them, with the count as its reason, also when the repetition only appears (or
disappears) with a later load. Invented pages in English, Russian and Kazakh."""

from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, select

from app.build import layout as builds
from app.loader import repeated
from app.loader.pipeline import load
from app.models import Article
from tests.conftest import make_settings

# Chrome that reads like prose: one page alone cannot tell it from the article's last lines.
CHROME = {
    "en": [
        "Our editors thank readers for their attention and look forward to your letters every day.",
        "Stay with us for the latest news from the capital and the regions.",
    ],
    "ru": [
        "Редакция благодарит читателей за внимание и ждет ваших писем каждый день.",
        "Оставайтесь с нами, чтобы узнавать главные новости столицы и регионов.",
    ],
    "kk": [
        "Редакция оқырмандарға алғыс айтады және хаттарыңызды күн сайын күтеді.",
        "Елорда мен өңірлердің басты жаңалықтарын білу үшін бізбен бірге болыңыз.",
    ],
}
STORIES = {
    "en": [
        ("Tokayev meets the Prime Minister of Malaysia", "trade and transport", "Kuala Lumpur"),
        ("Tokayev receives the Foreign Minister of Oman", "energy and logistics", "Muscat"),
        ("Tokayev holds talks with the President of Uzbekistan", "water and borders", "Tashkent"),
        ("Tokayev speaks with the Chancellor of Austria", "investment and tourism", "Vienna"),
    ],
    "ru": [
        ("Токаев встретился с премьером Малайзии", "торговлю и транспорт", "Куала-Лумпуре"),
        ("Токаев принял министра иностранных дел Омана", "энергетику и логистику", "Маскате"),
        ("Токаев провел переговоры с президентом Узбекистана", "воду и границы", "Ташкенте"),
        ("Токаев поговорил с канцлером Австрии", "инвестиции и туризм", "Вене"),
    ],
    "kk": [
        ("Тоқаев Малайзия премьерімен кездесті", "сауда мен көлікті", "Куала-Лумпурда"),
        ("Тоқаев Оман сыртқы істер министрін қабылдады", "энергетика мен логистиканы", "Маскатта"),
        ("Тоқаев Өзбекстан Президентімен келіссөз жүргізді", "су мен шекараны", "Ташкентте"),
        ("Тоқаев Австрия канцлерімен сөйлесті", "инвестиция мен туризмді", "Венада"),
    ],
}
BODY = {
    "en": "The parties discussed {topic} and agreed to meet again next year.\n\n"
    "The next round of consultations will be held in {place} in the autumn.\n\n"
    "The ministers of both countries were instructed to prepare a road map on {topic}.",
    "ru": "Стороны обсудили {topic} и договорились встретиться снова в следующем году.\n\n"
    "Следующий раунд консультаций пройдет в {place} осенью.\n\n"
    "Министрам двух стран поручено подготовить дорожную карту, охватывающую {topic}.",
    "kk": "Тараптар {topic} талқылап, келесі жылы қайта кездесуге келісті.\n\n"
    "Консультациялардың келесі кезеңі күзде {place} өтеді.\n\n"
    "Екі елдің министрлеріне {topic} қамтитын жол картасын дайындау тапсырылды.",
}
LANGUAGES = tuple(CHROME)


def page(language: str, number: int) -> str:
    headline, topic, place = STORIES[language][number]
    body = BODY[language].format(topic=topic, place=place)
    return f"{headline}\n\n{body}\n\n" + "\n\n".join(CHROME[language]) + "\n"


def write_pages(folder: Path, language: str, numbers: range | list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        (folder / f"{language}-{number}.txt").write_text(page(language, number), encoding="utf-8")


def articles(data_dir: Path) -> dict[str, Article]:
    build = builds.current_build(data_dir)
    assert build is not None
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        rows = {Path(a.source_path).name: a for a in session.exec(select(Article)).all()}
    engine.dispose()
    return rows


def site_reasons(article: Article) -> dict[str, str]:
    return {
        r["text"]: r["reason"]
        for r in article.removed_lines
        if r["reason"].startswith(repeated.REASON_PREFIX)
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_lines_on_three_pages_of_one_site_are_its_boilerplate(tmp_path: Path, language: str) -> None:
    corpus = tmp_path / "corpus"
    write_pages(corpus, language, range(3))
    report = load([corpus], make_settings(tmp_path / "data"))
    assert report.published, report.summary()
    rows = articles(tmp_path / "data")
    assert len(rows) == 3
    for number in range(3):
        article = rows[f"{language}-{number}.txt"]
        headline, topic, place = STORIES[language][number]
        assert article.title == headline
        assert site_reasons(article) == dict.fromkeys(
            CHROME[language], "repeated on 3 pages of this load (site boilerplate)"
        )
        for line in CHROME[language]:
            assert line not in article.body
        # The article's own text is all there.
        assert topic in article.lead and place in article.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_pages_are_not_enough(tmp_path: Path, language: str) -> None:
    corpus = tmp_path / "corpus"
    write_pages(corpus, language, range(2))
    assert load([corpus], make_settings(tmp_path / "data")).published
    for article in articles(tmp_path / "data").values():
        assert site_reasons(article) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_later_page_makes_the_lines_repeated_and_its_removal_brings_them_back(
    tmp_path: Path, language: str
) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus, language, range(2))
    assert load([corpus], settings).published
    assert all(site_reasons(a) == {} for a in articles(data).values())

    # The third page arrives: the two stored pages are parsed again, and the report says why.
    write_pages(corpus, language, [2])
    report = load([corpus], settings)
    assert report.published, report.summary()
    outcomes = {o.file: o for o in report.outcomes}
    assert outcomes[f"{language}-2.txt"].status == "loaded"
    for number in range(2):
        outcome = outcomes[f"{language}-{number}.txt"]
        assert outcome.status == "updated"
        assert "other pages of its outlet in this load changed" in outcome.reason
    rows = articles(data)
    for article in rows.values():
        assert set(site_reasons(article)) == set(CHROME[language])
        assert all(line not in article.body for line in CHROME[language])

    # A load with nothing new parses nothing again.
    again = load([corpus], settings)
    assert {o.status for o in again.outcomes} == {"unchanged"}

    # The third page goes: the lines are the other two pages' text again.
    (corpus / f"{language}-2.txt").unlink()
    report = load([corpus], settings)
    statuses = sorted((o.file, o.status) for o in report.outcomes)
    assert statuses == [
        (f"{language}-0.txt", "updated"),
        (f"{language}-1.txt", "updated"),
        (f"{language}-2.txt", "removed"),
    ]
    for article in articles(data).values():
        assert site_reasons(article) == {}
        assert all(line in article.body for line in CHROME[language])


def test_copies_of_one_story_count_once(tmp_path: Path) -> None:
    """Three versions of one story (same headline, the text updated) share their body: it is
    one page for the count, so no line of it goes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, extra in enumerate(["", "Update: the talks ended.", "Update: a joint statement was signed."]):
        text = page("en", 0) + (f"\n{extra}\n" if extra else "")
        (corpus / f"story-{number}.txt").write_text(text, encoding="utf-8")
    assert load([corpus], make_settings(tmp_path / "data")).published
    for article in articles(tmp_path / "data").values():
        assert site_reasons(article) == {}
        assert "trade and transport" in article.lead


def test_edited_copies_under_new_headlines_keep_their_lines(tmp_path: Path) -> None:
    """Three versions of one story whose headline was edited share nearly every line: each
    is a copy of the others, not a page framed by the site's lines."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    headline = STORIES["kk"][0][0]
    for number, edited in enumerate([headline, headline + " (толықтырылды)", "Жаңарту: " + headline]):
        text = page("kk", 0).replace(headline, edited, 1)
        (corpus / f"copy-{number}.txt").write_text(text, encoding="utf-8")
    assert load([corpus], make_settings(tmp_path / "data")).published
    for article in articles(tmp_path / "data").values():
        assert site_reasons(article) == {}
        assert all(line in article.body for line in CHROME["kk"])


def test_the_same_wire_lines_at_different_outlets_stay(tmp_path: Path) -> None:
    """A line three outlets print (a wire story's closing sentence) is not one site's chrome."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outlets = ["Kazinform", "Tengrinews.kz", "Zakon.kz"]
    for number, outlet in enumerate(outlets):
        text = page("ru", number).replace(CHROME["ru"][0] + "\n", "")
        (corpus / f"ru-{number}.txt").write_text(f"{outlet}\n\n{text}", encoding="utf-8")
    assert load([corpus], make_settings(tmp_path / "data")).published
    rows = articles(tmp_path / "data")
    assert len({a.outlet for a in rows.values()}) == 3
    for article in rows.values():
        assert site_reasons(article) == {}
        assert CHROME["ru"][1] in article.body


def test_a_page_keeps_its_headline_that_other_pages_link_to(tmp_path: Path) -> None:
    """Three pages end with a link to a fourth one's headline: it goes from the three, and
    stays the fourth page's headline."""
    corpus = tmp_path / "corpus"
    write_pages(corpus, "ru", range(4))
    linked = STORIES["ru"][3][0]
    for number in range(3):
        path = corpus / f"ru-{number}.txt"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{linked}\n", encoding="utf-8")
    assert load([corpus], make_settings(tmp_path / "data")).published
    rows = articles(tmp_path / "data")
    assert rows["ru-3.txt"].title == linked
    for number in range(3):
        assert linked in site_reasons(rows[f"ru-{number}.txt"])


def test_the_stage_is_pure() -> None:
    """Counts and one page in, removals out; lines with too few letters are not counted."""
    texts = [page("kk", n) + "\n12:30\n" for n in range(3)]
    pages = [repeated.profile(t, "site", STORIES["kk"][n][0]) for n, t in enumerate(texts)]
    counts = repeated.count(pages)
    assert counts.least == [3]
    removals = repeated.removals(pages[0], counts)
    lines = dict(repeated.page_lines(texts[0]))
    assert sorted(lines[n] for n in removals) == sorted(CHROME["kk"])
    assert repeated.line_key("12:30") is None
    assert repeated.line_key("Date: 1 May") != repeated.line_key("Date: 2 May")


def test_a_page_keeps_its_removals_while_its_signature_stays() -> None:
    """The signature names what the removals depend on: another page joining the count
    without moving any line across the threshold leaves it; one that makes a line
    repeated (or one fewer page, so that it is not) changes it."""
    texts = [page("en", n) for n in range(4)]
    pages = [repeated.profile(t, "site", STORIES["en"][n][0]) for n, t in enumerate(texts)]
    three, four = repeated.count(pages[:3]), repeated.count(pages)
    two = repeated.count(pages[:2])
    (with_three, repeated_three), *_ = repeated.signatures(pages[:1], three)
    (with_four, _), *_ = repeated.signatures(pages[:1], four)
    (with_two, repeated_two), *_ = repeated.signatures(pages[:1], two)
    assert repeated_three and not repeated_two
    assert with_three == with_four != with_two
    assert set(repeated.removals(pages[0], three)) == set(repeated.removals(pages[0], four)) != set()
    assert repeated.removals(pages[0], two) == {}


def test_a_site_line_taken_for_the_headline_goes_and_the_headline_is_found(tmp_path: Path) -> None:
    """Each page opens with the site's own line, which alone reads like a headline: once the
    count names it, the pages are parsed again and each gets its own headline; a second
    load finds everything settled."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    chrome = "Главные события дня в столице и регионах"
    write_pages(corpus, "ru", range(3))
    for number in range(3):
        path = corpus / f"ru-{number}.txt"
        path.write_text(f"{chrome}\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert load([corpus], settings).published
    for number, article in enumerate(sorted(articles(data).values(), key=lambda a: a.source_path)):
        assert article.title == STORIES["ru"][number][0]
        assert chrome in site_reasons(article)
    again = load([corpus], settings)
    assert {o.status for o in again.outcomes} == {"unchanged"}


def _records(data_dir: Path) -> dict[str, tuple[str, str | None, list[dict[str, object]]]]:
    """What a load made of each file: body, headline and removed lines."""
    return {name: (a.body, a.display_title, a.removed_lines) for name, a in articles(data_dir).items()}


def _full_load(tmp_path: Path, corpus: Path) -> dict[str, tuple[str, str | None, list[dict[str, object]]]]:
    data = tmp_path / "full"
    assert load([corpus], make_settings(data)).published
    return _records(data)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_loaded_alone_is_counted_with_the_archive(tmp_path: Path, language: str) -> None:
    """One edited file, loaded on its own into an archive of its outlet's pages, loses the
    site's lines as it would in a load of every file: the count goes over the archive, from
    the lines stored with each article."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus, language, range(4))
    assert load([corpus], settings).published
    edited = corpus / f"{language}-1.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nOne more paragraph of the story, told here.\n\n", 1))
    report = load([edited], settings)
    assert [(o.file, o.status) for o in report.outcomes] == [(edited.name, "updated")]
    rows = _records(data)
    assert set(site_reasons(articles(data)[edited.name])) == set(CHROME[language])
    assert rows == _full_load(tmp_path, corpus)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_loaded_alone_settles_the_pages_it_makes_repeated(tmp_path: Path, language: str) -> None:
    """Two stored pages keep their closing lines; a third page of the outlet, loaded alone,
    makes them the site's: the stored pages are parsed again (their files read again), and
    every record is the one a load of the three files gives. When the third file goes (a
    load of the folder), the lines are the two pages' own text again."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus, language, range(2))
    assert load([corpus], settings).published
    # Loaded on its own, beside the stored pages (pages without an outlet count by folder).
    third = corpus / f"{language}-2.txt"
    write_pages(corpus, language, [2])
    report = load([third], settings)
    statuses = sorted((o.file, o.status) for o in report.outcomes)
    assert statuses == [
        (f"{language}-0.txt", "updated"),
        (f"{language}-1.txt", "updated"),
        (f"{language}-2.txt", "loaded"),
    ]
    for article in articles(data).values():
        assert set(site_reasons(article)) == set(CHROME[language])
    assert _records(data) == _full_load(tmp_path, corpus)

    # Nothing new: nothing parsed again; the third file gone: the two pages get their lines back.
    assert {o.status for o in load([corpus], settings).outcomes} == {"unchanged"}
    third.unlink()
    report = load([corpus], settings)
    assert sorted((o.file, o.status) for o in report.outcomes) == [
        (f"{language}-0.txt", "updated"),
        (f"{language}-1.txt", "updated"),
        (f"{language}-2.txt", "removed"),
    ]
    for article in articles(data).values():
        assert site_reasons(article) == {}


def test_an_archive_stored_without_lines_is_counted_from_its_texts(tmp_path: Path) -> None:
    """An archive from before article_lines (schema 0008): the next load that changes a file
    reads the stored texts once, and gives the records of a full load."""
    from alembic import command
    from sqlmodel import create_engine as engine_for

    from app.loader.store import _alembic_config

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus, "ru", range(4))
    first = load([corpus], settings)
    assert first.build is not None
    config = _alembic_config()
    with engine_for(f"sqlite:///{first.build / builds.DB_NAME}").begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    edited = corpus / "ru-3.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nЕщё один абзац о визите, рассказанный здесь.\n\n", 1))
    report = load([edited], settings)
    assert report.published and "archive schema upgraded" in report.summary()
    assert _records(data) == _full_load(tmp_path, corpus)
    build = builds.current_build(data)
    assert build is not None
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM article_lines").scalar()
    engine.dispose()
    assert stored == 4


def test_a_file_loaded_alone_counts_its_own_group_and_leaves_the_others_as_a_full_load_does(
    tmp_path: Path,
) -> None:
    """Counts are per outlet (here per folder, the pages naming none): a file loaded alone
    reads and counts the pages of its own group, which it makes repeated there, and leaves
    the pages of another group as a load of every file leaves them."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus / "a", "ru", range(2))
    write_pages(corpus / "b", "en", range(4))
    assert load([corpus], settings).published
    third = corpus / "a" / "ru-2.txt"
    write_pages(corpus / "a", "ru", [2])
    report = load([third], settings)
    assert sorted((o.file, o.status) for o in report.outcomes) == [
        ("ru-0.txt", "updated"),
        ("ru-1.txt", "updated"),
        ("ru-2.txt", "loaded"),
    ]
    stored = articles(data)
    for name, article in stored.items():
        assert set(site_reasons(article)) == set(CHROME[name[:2]]), name
    assert _records(data) == _full_load(tmp_path, corpus)

"""Date parsing: header fields, date lines, datelines, year inference and its limits."""

import datetime as dt

import pytest

from app.loader.dates import infer_year, parse_date_line, parse_dateline, parse_header


@pytest.mark.parametrize(
    ("line", "expected", "rest"),
    [
        (
            "date 2026-01-27 Спикер Сената встретился",
            dt.date(2026, 1, 27),
            "Спикер Сената встретился",
        ),
        ("Дата: 27.01.2026", dt.date(2026, 1, 27), ""),
        ("Опубликовано 3 апреля 2020, 14:05", dt.date(2020, 4, 3), ""),
        ("Published: January 5, 2024", dt.date(2024, 1, 5), ""),
        ("Жарияланды: 12 қаңтар 2025", dt.date(2025, 1, 12), ""),
    ],
)
def test_header_fields(line: str, expected: dt.date, rest: str) -> None:
    assert parse_header(line) == (expected, rest)


@pytest.mark.parametrize("line", ["date 2026-13-45 Title", "Датчик сломался", "Президент 2020 года"])
def test_not_header_fields(line: str) -> None:
    assert parse_header(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("27 января 2026, 14:30", dt.date(2026, 1, 27)),
        ("27.01.2026", dt.date(2026, 1, 27)),
        ("27 қаңтар 2026 ж.", dt.date(2026, 1, 27)),
        ("January 27, 2026", dt.date(2026, 1, 27)),
        ("2026-01-27 09:00", dt.date(2026, 1, 27)),
        ("15:45, 3 апреля 2020", dt.date(2020, 4, 3)),
        ("14:05 | 12 мамыр 2021", dt.date(2021, 5, 12)),
    ],
)
def test_date_lines(line: str, expected: dt.date) -> None:
    assert parse_date_line(line) == expected


def test_a_sentence_with_a_date_is_not_a_date_line() -> None:
    assert parse_date_line("Встреча пройдёт 27 января 2026 года в Астане.") is None


@pytest.mark.parametrize(
    ("paragraph", "place", "day", "month", "agency"),
    [
        ("НУР-СУЛТАН, 3 апр – Sputnik. Текст", "НУР-СУЛТАН", 3, 4, "Sputnik"),
        ("АСТАНА, 27 января. /ТАСС/. Текст", "АСТАНА", 27, 1, "ТАСС"),
        ("АСТАНА. 15 сентября. КАЗИНФОРМ - Текст", "АСТАНА", 15, 9, "КАЗИНФОРМ"),
        ("ASTANA, January 27 (Reuters) - Text", "ASTANA", 27, 1, "Reuters"),
        # a numeric date, with a short year
        ("Ташкент, 16.03.26 /Дунё/. Текст", "Ташкент", 16, 3, "Дунё"),
        ("АСТАНА, 05.03.2024 – Kazinform. Text", "АСТАНА", 5, 3, "Kazinform"),
    ],
)
def test_datelines(paragraph: str, place: str, day: int, month: int, agency: str) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.day, dateline.month, dateline.agency) == (
        place,
        day,
        month,
        agency,
    )


def test_ordinary_sentence_is_not_a_dateline() -> None:
    assert parse_dateline("Президент Казахстана, 3 апреля встретился с послом.") is None
    assert parse_dateline("Президент Казахстана, 03.04.2020 встретился с послом.") is None


def test_a_numeric_dateline_gives_the_year() -> None:
    dateline = parse_dateline("Ташкент, 16.03.26 /Дунё/. Текст")
    assert dateline is not None and dateline.year == 2026


def test_year_is_inferred_from_the_one_year_the_text_names() -> None:
    dateline = parse_dateline("АСТАНА, 5 мая – Sputnik. Текст")
    assert dateline is not None
    info = infer_year(dateline, "Форум пройдет в 2024 году в столице.")
    assert (info.year, info.inferred, info.precision) == (2024, True, "day")
    assert "2024 году" in info.evidence


def test_two_years_in_the_text_leave_the_year_unknown() -> None:
    dateline = parse_dateline("АСТАНА, 5 мая – Sputnik. Текст")
    assert dateline is not None
    info = infer_year(dateline, "В 2019 году договорились, а в 2021 году подписали.")
    assert info.year is None and info.precision == "day_month" and not info.inferred


def test_a_place_name_era_rules_out_impossible_years() -> None:
    dateline = parse_dateline("НУР-СУЛТАН, 3 апр – Sputnik. Текст")
    assert dateline is not None
    info = infer_year(dateline, "Соглашение 2015 года продлено до 2020 года.")
    assert info.year == 2020
    assert "НУР-СУЛТАН" in info.evidence


def test_numbers_that_are_not_years_are_ignored() -> None:
    dateline = parse_dateline("АСТАНА, 5 мая – Sputnik. Текст")
    assert dateline is not None
    info = infer_year(dateline, "Выделено 2020 тенге на борьбу с COVID-19.")
    assert info.year is None

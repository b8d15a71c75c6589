"""The site's clock above the headline keeps the header's exchange rates as company as often as
its weather: such a stamp tells when the page was seen, and the date printed under the headline
is the text's. A stamp with no such company stays the text's date. Invented text."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE


@pytest.mark.parametrize(
    ("header", "headline", "dated", "text"),
    [
        (
            "Moscow\n6 August 2025 / 18:34\nExchange rates\nUSD\n97.9241\nEUR\n104.8872",
            EN_HEADLINE,
            "24 July 2025 / 14:59",
            EN_BODY,
        ),
        (
            "Москва\n6 августа 2025 / 18:34\nМосква\n6 августа 2025 / 18:34\nКотировки\nUSD\n06/08\n97.9241",
            RU_HEADLINE,
            "24 июля 2025 / 14:59",
            RU_BODY,
        ),
        (
            "Астана\n6 тамыз 2025 / 18:34\nВалюта бағамы\n$ 470,5\n€ 545,1",
            KK_HEADLINE,
            "24 шілде 2025 / 14:59",
            KK_BODY,
        ),
    ],
)
def test_a_clock_beside_the_exchange_rates_is_no_date(
    header: str, headline: str, dated: str, text: str
) -> None:
    parsed = parse(clean(f"{header}\n{headline}\n{dated}\n\n{text}"))
    assert parsed.date.value is not None
    assert (parsed.date.value.month, parsed.date.value.day) == (7, 24)


@pytest.mark.parametrize(
    ("stamp", "headline", "text"),
    [
        ("6 August 2025 / 18:34", EN_HEADLINE, EN_BODY),
        ("6 августа 2025 / 18:34\nМосква", RU_HEADLINE, RU_BODY),
        ("6 тамыз 2025 / 18:34", KK_HEADLINE, KK_BODY),
    ],
)
def test_a_stamp_without_the_rates_dates_the_text(stamp: str, headline: str, text: str) -> None:
    parsed = parse(clean(f"{stamp}\n{headline}\n\n{text}\n\nКурсы валют сегодня выросли на 2 %."))
    assert parsed.date.value is not None
    assert (parsed.date.value.month, parsed.date.value.day) == (8, 6)

"""A fixed, deterministic query set for the search benchmarks (200 queries by default)."""

import random

from app.search.engine import ArticleQuery

WORDS_RU = (
    "Токаев Китай Путин сотрудничества визит переговоры энергетики Узбекистана торговли Эрдоган "
    "инвестиционных безопасности цифровизации Израиль Мирзиёев"
).split()
WORDS_KK = (
    "Тоқаев Қытай ынтымақтастық сапар энергетика Ресей қауіпсіздік инвестициялық Түркия Гутерриш".split()
)
PHRASES = ['"телефонный разговор"', '"телефон арқылы"', '"взаимной торговли"', '"екіжақты қарым-қатынастың"']
LEADERS = ["kassym-jomart-tokayev", "xi-jinping", "vladimir-putin", "shavkat-mirziyoyev"]


def query_set(n: int = 200, seed: int = 7) -> list[ArticleQuery]:
    rng = random.Random(seed)
    queries = []
    for i in range(n):
        kind = i % 5
        words = rng.choice([WORDS_RU, WORDS_KK])
        if kind == 0:
            q = ArticleQuery(q=rng.choice(words))
        elif kind == 1:
            q = ArticleQuery(q=" ".join(rng.sample(words, rng.choice([2, 3]))))
        elif kind == 2:
            q = ArticleQuery(q=rng.choice(PHRASES))
        elif kind == 3:
            q = ArticleQuery(q=rng.choice(words), filters={"lang": [rng.choice(["ru", "kk"])]})
        else:
            year = rng.randint(2019, 2025)
            q = ArticleQuery(q=rng.choice(words), filters={"leader": [rng.choice(LEADERS)]})
            q.date_from, q.date_to = (
                __import__("datetime").date(year, 1, 1),
                __import__("datetime").date(year + 1, 6, 30),
            )
        q.limit = 10
        queries.append(q)
    return queries

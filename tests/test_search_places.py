"""The intersection a phrase is matched by (app.build.postings.common) gives what NumPy's
own gives, in both of its ways: a binary search per value of a much shorter array, and one
merge of two arrays of like length; empty arrays and no common value included."""

import numpy as np
import pytest

from app.build.postings import common


@pytest.mark.parametrize(
    ("short", "long"), [(0, 0), (0, 50), (1, 1), (3, 400), (50, 60), (500, 20_000), (900, 1000)]
)
def test_common_equals_numpys_intersection(short: int, long: int) -> None:
    rng = np.random.default_rng(short * 7919 + long)
    for _ in range(20):
        universe = (rng.integers(0, 2_000, 3 * (short + long) + 1).astype(np.int64) << 32) | rng.integers(
            0, 300, 3 * (short + long) + 1
        )
        first = np.unique(rng.choice(universe, short)) if short else np.zeros(0, dtype=np.int64)
        second = np.unique(rng.choice(universe, long)) if long else np.zeros(0, dtype=np.int64)
        expected = np.intersect1d(first, second)
        assert np.array_equal(common(first, second), expected)
        assert np.array_equal(common(second, first), expected)

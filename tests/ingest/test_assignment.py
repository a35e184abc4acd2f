"""The assignment solver against brute force: every permutation of the smaller side tried."""
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bulletin.ingest.assignment import best_assignment


def brute_force_best(gain: np.ndarray) -> float:
    n, m = gain.shape
    if n > m:
        return brute_force_best(gain.T)
    return max((sum(gain[row, col] for row, col in enumerate(cols))
                for cols in itertools.permutations(range(m), n)), default=0.0)


def check(gain: np.ndarray) -> None:
    rows, cols = best_assignment(gain)
    n, m = gain.shape
    assert len(rows) == len(cols) == min(n, m)
    assert len(set(rows.tolist())) == len(rows) and len(set(cols.tolist())) == len(cols)
    assert list(rows) == sorted(rows)
    assert gain[rows, cols].sum() == pytest.approx(brute_force_best(gain), abs=1e-9)


# Small integer gains: many ties and zeros, as in the reading-order matrix (negative gains clipped).
@settings(max_examples=300, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(0, 6), st.integers(0, 6)), elements=st.integers(-3, 5)))
def test_integer_gains_with_ties_match_brute_force(gain):
    check(gain.astype(float))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)),
              elements=st.floats(-100, 100, allow_nan=False)))
def test_real_gains_match_brute_force(gain):
    check(gain)


def test_a_known_matrix():
    # Row 0 prefers column 0 (9) but row 1 needs it more (9 vs 1): 0→1, 1→0, 2→2 gives 8 + 9 + 4 = 21.
    gain = np.array([[9.0, 8.0, 0.0], [9.0, 1.0, 0.0], [0.0, 0.0, 4.0]])
    rows, cols = best_assignment(gain)
    assert dict(zip(rows.tolist(), cols.tolist())) == {0: 1, 1: 0, 2: 2}


def test_rejects_what_is_not_a_finite_matrix():
    with pytest.raises(ValueError):
        best_assignment(np.zeros(3))
    with pytest.raises(ValueError):
        best_assignment(np.array([[1.0, np.inf]]))


def test_equal_evidence_keeps_the_extraction_s_order():
    """The reading-order repair's first joins: column 1 reads on after column 0 and column 0
    after column 1 equally well, column 2 after column 1 as well. {0→1, 1→2} and the loop
    {0→1, 1→0} (then cut, 2 left alone) gain the same; the first keeps the input's own order,
    and wins: 0→1→2."""
    from bulletin.ingest.order import SURE_JOIN, Chain, _sure_chains

    scores = np.full((3, 3), SURE_JOIN - 1.0)  # no evidence anywhere...
    scores[0, 1] = scores[1, 0] = scores[1, 2] = SURE_JOIN + 1.0  # ...but these equal joins
    chains = _sure_chains(scores, [Chain([i]) for i in range(3)])
    assert [[int(c) for c in chain.columns] for chain in chains] == [[0, 1, 2]]

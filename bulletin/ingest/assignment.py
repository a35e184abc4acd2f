"""The best one-to-one assignment of a gain matrix (rows to columns, total gain maximal).

The reading-order repair asks it once per bulletin for a few dozen page columns. SciPy's
`linear_sum_assignment` answers the same question, but importing `scipy.optimize` costs
0.4-0.5 s, a fifth of the start-up budget of a command-line parse; this is the same
shortest-augmenting-path method (Hungarian with potentials, O(n²m)) with numpy doing each
row's inner loop, a few milliseconds for the sizes the importer sees.
"""
from __future__ import annotations

import numpy as np


def best_assignment(gain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (rows, cols): row `rows[k]` takes column `cols[k]`, rows ascending, every row of a
    matrix with no more rows than columns assigned, and the summed gain as large as any other
    assignment's. A matrix with more rows than columns is solved transposed."""
    gain = np.asarray(gain, dtype=float)
    if gain.ndim != 2:
        raise ValueError("gain must be a matrix")
    if not np.isfinite(gain).all():
        raise ValueError("gain must be finite")
    if gain.shape[0] > gain.shape[1]:
        cols, rows = best_assignment(gain.T)
        order = np.argsort(rows)
        return rows[order], cols[order]
    return _min_cost_assignment(-gain)


def _min_cost_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hungarian algorithm with row and column potentials (n ≤ m). Index 0 of the column arrays
    is a virtual column that holds the row being inserted; row numbers in `owner` are 1-based
    so that 0 means "free"."""
    n, m = cost.shape
    if n == 0:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    row_potential = np.zeros(n + 1)
    col_potential = np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=int)  # owner[j]: 1-based row holding column j, 0 if free
    came_from = np.zeros(m + 1, dtype=int)
    for row in range(1, n + 1):
        owner[0] = row
        column = 0
        slack = np.full(m + 1, np.inf)
        visited = np.zeros(m + 1, dtype=bool)
        while True:  # grow a tree of tight edges until it reaches a free column
            visited[column] = True
            current_row = owner[column]
            reduced = cost[current_row - 1] - row_potential[current_row] - col_potential[1:]
            open_cols = ~visited[1:]
            better = open_cols & (reduced < slack[1:])
            slack[1:][better] = reduced[better]
            came_from[1:][better] = column
            candidates = np.where(open_cols, slack[1:], np.inf)
            nearest = int(np.argmin(candidates)) + 1
            delta = candidates[nearest - 1]
            row_potential[owner[visited]] += delta
            col_potential[visited] -= delta
            slack[~visited] -= delta
            column = nearest
            if owner[column] == 0:
                break
        while column:  # flip the augmenting path back to the virtual column
            previous = came_from[column]
            owner[column] = owner[previous]
            column = previous
    taken = np.nonzero(owner[1:])[0]
    rows = owner[1:][taken] - 1
    order = np.argsort(rows)
    return rows[order], taken[order]

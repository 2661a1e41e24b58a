"""Means with 95 % confidence intervals for small clinical samples (the cohort view).

The interval is the textbook one for a mean, mean ± t(0.975, n − 1) · SD / √n, with the
t quantile read from ``mash_desktop/resources/research/t_quantiles.json`` (a sourced
table) rather than from SciPy, which the app does not otherwise need. Below
``MIN_N_FOR_CI`` no interval is given: with one or two patients an interval says nothing
a PT can act on.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from statistics import fmean, stdev

from .config import resource_path

MIN_N_FOR_CI = 3


@dataclass(frozen=True)
class MeanCI:
    """n, mean and (from n = 3 on) the 95 % confidence interval of the mean."""

    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None


@cache
def _table() -> tuple[list[int], list[float], float]:
    data = json.loads(resource_path("research", "t_quantiles.json").read_text(encoding="utf-8"))
    rows = sorted((int(df), float(q)) for df, q in data["quantiles"].items())
    return [df for df, _ in rows], [q for _, q in rows], float(data["infinity"])


def t_quantile_975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (df ≥ 1).

    Exact table rows are returned as printed; between rows (and beyond the last, towards
    the normal quantile) the value is interpolated linearly in 1/df, which is accurate to
    better than 0.001 over the whole range.
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    dfs, qs, infinity = _table()
    i = bisect_left(dfs, df)
    if i < len(dfs) and dfs[i] == df:
        return qs[i]
    if i == len(dfs):
        lo_df, lo_q, hi_inv, hi_q = dfs[-1], qs[-1], 0.0, infinity
    else:
        lo_df, lo_q, hi_inv, hi_q = dfs[i - 1], qs[i - 1], 1.0 / dfs[i], qs[i]
    lo_inv = 1.0 / lo_df
    frac = (lo_inv - 1.0 / df) / (lo_inv - hi_inv)
    return lo_q + frac * (hi_q - lo_q)


def mean_ci(values: list[float]) -> MeanCI:
    """Mean, SD and 95 % CI of ``values`` (no SD below 2 values, no CI below 3)."""
    n = len(values)
    if n == 0:
        return MeanCI(0, None, None, None, None)
    mean = fmean(values)
    sd = stdev(values) if n >= 2 else None
    if n < MIN_N_FOR_CI or sd is None:
        return MeanCI(n, mean, sd, None, None)
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    return MeanCI(n, mean, sd, mean - half, mean + half)

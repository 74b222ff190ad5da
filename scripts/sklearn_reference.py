#!/usr/bin/env python3
"""Reference scores from scikit-learn for fledger's scoring module.

Writes, next to the integration test that reads them:
  tests/fixtures/sklearn/predictions.csv  100,000 resolved predictions in fledger's import
                                          CSV format, from five forecasters
  tests/fixtures/sklearn/expected.json    scikit-learn's Brier score, log loss and
                                          calibration curve (10 and 7 uniform bins), with
                                          per-bin counts, overall and per forecaster

The data are seeded, so a rerun reproduces both files byte for byte with the same numpy
(the generator's streams are stable across numpy versions).  Needs: scikit-learn numpy.
The Murphy decomposition has no scikit-learn counterpart; the one written here is an
independent reference computed with math.fsum, labelled as such.
"""

import csv
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

SEED = 20240517
ROWS = 100_000
FORECASTERS = ["ana", "ben", "chen", "dara", "eli"]
BIN_COUNTS = [10, 7]
EPS = float(np.finfo(np.float64).eps)
# ICD 203 terms at the midpoints of their ranges, as fledger's default scale maps them.
ICD203_MIDPOINTS = [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97]

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sklearn"


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def logit(p):
    return np.log(p) - np.log1p(-p)


def edge_clusters():
    """Probabilities on or one ulp either side of the numpy linspace edges of 10 and 7
    bins, and the halfway points people type (0.05, 0.15, …), grouped by the value they
    are near. A binning that divides instead of multiplying, or closes bins on the wrong
    side, puts some of them in the neighbouring bin."""
    clusters = {}
    for n in BIN_COUNTS:
        for edge in np.linspace(0.0, 1.0, n + 1)[1:-1]:
            edge = float(edge)
            near = {edge, float(np.nextafter(edge, 0.0)), float(np.nextafter(edge, 1.0)), round(edge, 12)}
            clusters.setdefault(round(edge, 6), set()).update(near)
    for k in range(1, 20, 2):
        clusters.setdefault(round(k / 20, 6), set()).add(k / 20)
    return sorted((centre, sorted(members)) for centre, members in clusters.items())


def generate(rng):
    # Questions of varied difficulty: many near-certain either way, many toss-ups.
    truth = np.clip(rng.beta(0.8, 0.8, ROWS), 0.002, 0.998)
    who = rng.integers(0, len(FORECASTERS), ROWS)
    noise = rng.normal(0.0, 0.35, ROWS)
    p = np.empty(ROWS)

    # ana: calibrated, continuous, full double precision.
    m = who == 0
    p[m] = np.clip(sigmoid(logit(truth[m]) + noise[m]), 0.001, 0.999)

    # ben: overconfident, two decimals (so a tenth of his forecasts sit on 10-bin edges).
    m = who == 1
    p[m] = np.clip(np.round(sigmoid(2.0 * logit(truth[m]) + noise[m]), 2), 0.01, 0.99)

    # chen: round numbers, mostly tens of percent, some fives, and one time in five a
    # value on or one ulp beside a bin edge.
    m = who == 2
    raw = np.clip(sigmoid(1.3 * logit(truth[m]) + noise[m]), 0.0, 1.0)
    tens = np.clip(np.round(raw * 10), 1, 9) / 10
    fives = np.clip(np.round(raw * 20), 1, 19) / 20
    clusters = edge_clusters()
    centres = np.array([centre for centre, _ in clusters])
    nearest = np.abs(raw[:, None] - centres).argmin(axis=1)
    nearest_edge = np.array([clusters[c][1][rng.integers(len(clusters[c][1]))] for c in nearest])
    pick = rng.random(m.sum())
    p[m] = np.where(pick < 0.6, tens, np.where(pick < 0.8, fives, nearest_edge))

    # dara: underconfident, three decimals.
    m = who == 3
    p[m] = np.clip(np.round(sigmoid(0.5 * logit(truth[m]) + noise[m]), 3), 0.001, 0.999)

    # eli: verbal phrases only, at their ICD 203 midpoints, so some bins stay empty.
    m = who == 4
    raw = sigmoid(logit(truth[m]) + noise[m])
    midpoints = np.array(ICD203_MIDPOINTS)
    p[m] = midpoints[np.abs(raw[:, None] - midpoints).argmin(axis=1)]

    outcome = rng.random(ROWS) < truth

    # Certainties: a few forecasters say 0% or 100% on questions that are merely likely,
    # so some of them are confident misses and log loss has to clip.
    certain = rng.choice(np.flatnonzero((who == 1) | (who == 2)), 120, replace=False)
    says_yes = np.arange(certain.size) % 2 == 0
    truth[certain] = np.where(says_yes, rng.uniform(0.80, 0.97, certain.size), rng.uniform(0.03, 0.20, certain.size))
    outcome[certain] = rng.random(certain.size) < truth[certain]
    p[certain] = np.where(says_yes, 1.0, 0.0)

    # repr() of anything below 1e-4 uses an exponent, which a person would not type.
    assert ((p == 0.0) | (p >= 1e-4)).all() and ((p >= 0.0) & (p <= 1.0)).all()
    return p, outcome.astype(np.int64), who


def check_log_loss_clipping():
    """This fixture pins scikit-learn >= 1.5 behaviour: clip to the float64 epsilon."""
    got = log_loss([0, 1], [1.0, 0.5], labels=[0, 1])
    want = (-math.log(EPS) + math.log(2.0)) / 2
    if abs(got - want) > 1e-12:
        sys.exit(f"scikit-learn {sklearn.__version__} does not clip log loss at eps={EPS}: {got} != {want}")


def calibration(y, p, n_bins):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    # calibration_curve drops empty bins; recover every bin's count with its own binning.
    bins = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(bins[1:-1], p), minlength=n_bins)
    nonzero = iter(range(len(prob_true)))
    mean_probability, observed_frequency = [], []
    for count in counts:
        if count:
            i = next(nonzero)
            mean_probability.append(float(prob_pred[i]))
            observed_frequency.append(float(prob_true[i]))
        else:
            mean_probability.append(None)
            observed_frequency.append(None)
    assert next(nonzero, None) is None
    return {
        "edges": [float(e) for e in bins],
        "counts": [int(c) for c in counts],
        "mean_probability": mean_probability,
        "observed_frequency": observed_frequency,
    }


def decomposition_reference(y, p, n_bins):
    """Murphy + Stephenson, Coelho & Jolliffe over uniform bins, in exactly summed floats."""
    n = len(p)
    ids = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p)
    base = math.fsum(y) / n
    rel, res, wbv, wbc = [], [], [], []
    for k in range(n_bins):
        f, o = p[ids == k].tolist(), y[ids == k].tolist()
        if not f:
            continue
        fbar, obar = math.fsum(f) / len(f), math.fsum(o) / len(o)
        rel.append(len(f) * (fbar - obar) ** 2)
        res.append(len(f) * (obar - base) ** 2)
        wbv.extend((fi - fbar) ** 2 for fi in f)
        wbc.extend((oi - obar) * (fi - fbar) for fi, oi in zip(f, o))
    terms = {
        "reliability": math.fsum(rel) / n,
        "resolution": math.fsum(res) / n,
        "uncertainty": base * (1 - base),
        "within_bin_variance": math.fsum(wbv) / n,
        "within_bin_covariance": 2 * math.fsum(wbc) / n,
    }
    brier = math.fsum((pi - oi) ** 2 for pi, oi in zip(p.tolist(), y.tolist())) / n
    recomposed = (terms["reliability"] - terms["resolution"] + terms["uncertainty"]
                  + terms["within_bin_variance"] - terms["within_bin_covariance"])
    assert abs(recomposed - brier) < 1e-12, (recomposed, brier)
    return terms


def scores(y, p):
    return {
        "n": int(len(p)),
        "base_rate": float(np.mean(y)),
        "brier": float(brier_score_loss(y, p)),
        "log_loss": float(log_loss(y, p, labels=[0, 1])),
        "calibration": {str(n): calibration(y, p, n) for n in BIN_COUNTS},
        "decomposition_reference_10_bins": decomposition_reference(y, p, 10),
    }


def main():
    check_log_loss_clipping()
    rng = np.random.default_rng(SEED)
    p, y, who = generate(rng)

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "predictions.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["statement", "probability", "forecaster", "made_on", "outcome", "resolved_on"])
        for i in range(ROWS):
            out.writerow([f"q{i + 1:06d}", repr(float(p[i])), FORECASTERS[who[i]], "2021-01-01",
                          "yes" if y[i] else "no", "2021-06-30"])

    expected = {
        "generator": "scripts/sklearn_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "seed": SEED,
        "rows": ROWS,
        "log_loss_eps": EPS,
        "confident_misses": int(((p == 1.0) & (y == 0)).sum() + ((p == 0.0) & (y == 1)).sum()),
        "overall": scores(y, p),
        "forecasters": {name: scores(y[who == i], p[who == i]) for i, name in enumerate(FORECASTERS)},
    }
    assert expected["confident_misses"] >= 6, expected["confident_misses"]
    with open(OUT / "expected.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

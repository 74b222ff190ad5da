#!/usr/bin/env python3
"""Reference scores from scikit-learn for fledger's scoring module.

Writes, next to the integration test that reads them:
  tests/fixtures/sklearn/predictions.csv  100,000 resolved predictions in fledger's import
                                          CSV format, from five forecasters
  tests/fixtures/sklearn/peers.csv        2,000 resolved predictions on 300 questions by
                                          seven forecasters, for the peer comparison
  tests/fixtures/sklearn/expected.json    scikit-learn's Brier score, log loss, calibration
                                          curve (10 and 7 uniform bins) with per-bin
                                          counts and ROC AUC; numpy's ECE, sharpness, skill
                                          scores and mean forecast; statsmodels' Wilson
                                          interval of the base rate: overall and per
                                          forecaster; and under "peers", relative Brier and
                                          peer score per forecaster on peers.csv

The data are seeded, so a rerun reproduces the files byte for byte with the same numpy
(the generator's streams are stable across numpy versions).
Needs: scikit-learn numpy statsmodels.
The Murphy decomposition and the peer scores have no library counterpart; the ones
written here are independent references (math.fsum, plain loops), labelled as such.
"""

import csv
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import sklearn
import statsmodels
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from statsmodels.stats.proportion import proportion_confint

SEED = 20240517
ROWS = 100_000
FORECASTERS = ["ana", "ben", "chen", "dara", "eli"]
BIN_COUNTS = [10, 7]
EPS = float(np.finfo(np.float64).eps)
# ICD 203 terms at the midpoints of their ranges, as fledger's default scale maps them.
ICD203_MIDPOINTS = [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97]

PEERS_SEED = 20240518
PEER_QUESTIONS = 300
PEER_ROWS = 2_000
# Six forecasters who meet on shared questions, and gus, who only ever forecasts
# questions nobody else does and so must get no peer score at all.
PEER_FORECASTERS = ["ana", "ben", "chen", "dara", "eli", "fay", "gus"]
SHARING = 6

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


def ece(y, p, n_bins):
    """Expected calibration error over calibration_curve's own bins: each non-empty
    bin's |mean forecast - observed frequency|, weighted by its share of the forecasts."""
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p), minlength=n_bins)
    weights = counts[counts > 0] / len(p)
    return float(np.sum(weights * np.abs(prob_pred - prob_true)))


def scores(y, p):
    brier = float(brier_score_loss(y, p))
    base = float(np.mean(y))
    low, high = proportion_confint(int(np.sum(y)), len(y), alpha=0.05, method="wilson")
    return {
        "n": int(len(p)),
        "base_rate": base,
        "brier": brier,
        "log_loss": float(log_loss(y, p, labels=[0, 1])),
        "calibration": {str(n): calibration(y, p, n) for n in BIN_COUNTS},
        "decomposition_reference_10_bins": decomposition_reference(y, p, 10),
        "auc": float(roc_auc_score(y, p)),
        "ece_10_bins": ece(y, p, 10),
        "sharpness": float(np.var(p)),
        "brier_skill_base_rate": 1.0 - brier / (base * (1.0 - base)) if 0.0 < base < 1.0 else None,
        "brier_skill_half": 1.0 - brier / 0.25,
        "mean_probability": float(np.mean(p)),
        "base_rate_wilson_low": float(low),
        "base_rate_wilson_high": float(high),
    }


def generate_peers(rng):
    """Questions forecast by 2-5 of the six sharing forecasters (a tenth by one forecaster
    alone, gus included), with some forecasters updating on a question once or more."""
    pairs, truth, outcome = [], {}, {}
    for q in range(1, PEER_QUESTIONS + 1):
        truth[q] = float(np.clip(rng.beta(0.8, 0.8), 0.002, 0.998))
        outcome[q] = int(rng.random() < truth[q])
        if rng.random() < 0.1:
            who = [int(rng.integers(len(PEER_FORECASTERS)))]
        else:
            who = sorted(int(f) for f in rng.choice(SHARING, int(rng.integers(2, 6)), replace=False))
        pairs.extend((q, f) for f in who)
    extra = rng.choice(len(pairs), PEER_ROWS - len(pairs), replace=True)
    rows = [pairs[i] for i in range(len(pairs))] + [pairs[i] for i in extra]

    def forecast(f, t):
        x = logit(t) + rng.normal(0.0, 0.4)
        if f == 0:  # ana: calibrated, full precision
            return float(np.clip(sigmoid(x), 0.001, 0.999))
        if f == 1:  # ben: overconfident, two decimals, now and then certain
            if rng.random() < 0.05:
                return 1.0 if t > 0.5 else 0.0
            return float(np.clip(np.round(sigmoid(2.0 * x), 2), 0.01, 0.99))
        if f == 2:  # chen: tens of percent, so ties are common
            return float(np.clip(np.round(sigmoid(1.3 * x) * 10), 1, 9) / 10)
        if f == 3:  # dara: underconfident, three decimals
            return float(np.clip(np.round(sigmoid(0.5 * x), 3), 0.001, 0.999))
        if f == 4:  # eli: ICD 203 phrase midpoints
            midpoints = np.array(ICD203_MIDPOINTS)
            return float(midpoints[np.abs(sigmoid(x) - midpoints).argmin()])
        if f == 5:  # fay: barely informed, two decimals
            return float(np.clip(np.round(sigmoid(0.3 * x + rng.normal(0.0, 1.0)), 2), 0.01, 0.99))
        return float(np.clip(sigmoid(x), 0.001, 0.999))  # gus

    table = [(q, f, forecast(f, truth[q]), outcome[q]) for q, f in rows]
    # Shuffled, so that a question's predictions are not next to each other in the file.
    table = [table[i] for i in rng.permutation(len(table))]
    assert all(p == 0.0 or p >= 1e-4 for _, _, p, _ in table)
    return table


def peers_reference(table):
    """Relative Brier and peer score by their definitions, one prediction at a time."""
    by_question = {}
    for row in table:
        by_question.setdefault(row[0], []).append(row)

    def brier(p, o):
        return (p - o) ** 2

    def log_q(p, o):
        p = float(np.clip(p, EPS, 1.0 - EPS))
        return math.log(p if o else 1.0 - p)

    questions, relative, peer = {}, {}, {}
    for q, rows in by_question.items():
        if len({f for _, f, _, _ in rows}) < 2:
            continue
        for _, f, p, o in rows:
            others = [(pj, oj) for _, fj, pj, oj in rows if fj != f]
            median = float(np.median([brier(pj, oj) for pj, oj in others]))
            differences = [log_q(p, o) - log_q(pj, oj) for pj, oj in others]
            questions.setdefault(f, set()).add(q)
            relative.setdefault(f, []).append(brier(p, o) - median)
            peer.setdefault(f, []).append(100.0 * math.fsum(differences) / len(differences))
    return {
        PEER_FORECASTERS[f]: {
            "questions": len(questions[f]),
            "predictions": len(relative[f]),
            "relative_brier": math.fsum(relative[f]) / len(relative[f]),
            "peer_score": math.fsum(peer[f]) / len(peer[f]),
        }
        for f in sorted(questions)
    }


def peers(rng):
    table = generate_peers(rng)
    with open(OUT / "peers.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["question", "forecaster", "probability", "outcome"])
        for q, who, p, o in table:
            out.writerow([q, PEER_FORECASTERS[who], repr(p), "yes" if o else "no"])
    counts = {}
    for q, who, _, _ in table:
        counts.setdefault(q, set()).add(who)
    expected = {
        "seed": PEERS_SEED,
        "rows": len(table),
        "questions": len(counts),
        "shared_questions": sum(len(who) >= 2 for who in counts.values()),
        "repeated_predictions": len(table) - len({(q, who) for q, who, _, _ in table}),
        "forecasters": PEER_FORECASTERS,
        "scores": peers_reference(table),
    }
    loner = PEER_FORECASTERS[-1]
    assert loner not in expected["scores"] and any(PEER_FORECASTERS[w] == loner for _, w, _, _ in table)
    assert expected["shared_questions"] < expected["questions"]
    return expected


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
        "statsmodels_version": statsmodels.__version__,
        "peers": peers(np.random.default_rng(PEERS_SEED)),
    }
    assert expected["confident_misses"] >= 6, expected["confident_misses"]
    with open(OUT / "expected.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

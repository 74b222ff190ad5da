#!/usr/bin/env python3
"""Reference CORP reliability for fledger's score::corp, from scikit-learn.

Writes, next to the integration test that reads them (tests/scoring/corp.rs):
  tests/fixtures/corp/predictions.csv  12,000 resolved forecasts (probability, outcome):
                                       overconfident, half of them rounded to whole
                                       percent so that ties are common
  tests/fixtures/corp/expected.json    scikit-learn's IsotonicRegression fit as steps (runs
                                       of equal fitted value in forecast order), and from
                                       it MCB, DSC and UNC of the Brier and log scores

MCB = S(forecasts) - S(recalibrated), DSC = S(base rate) - S(recalibrated), UNC = S(base
rate), each mean summed with math.fsum; the log score clips probabilities to machine
epsilon, as fledger's and scikit-learn's log loss do. Seeded: a rerun with the same numpy
reproduces the files. Needs: scikit-learn numpy.
"""

import csv
import json
import math
import platform
from pathlib import Path

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression

SEED = 20261203
ROWS = 12_000
EPS = float(np.finfo(np.float64).eps)
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corp"


def brier(p, y):
    return (p - y) ** 2


def log_score(p, y):
    p = min(max(p, EPS), 1.0 - EPS)
    return -math.log(p if y == 1 else 1.0 - p)


def mean(score, ps, ys):
    return math.fsum(score(float(p), int(y)) for p, y in zip(ps, ys)) / len(ys)


def terms(score, p, fitted, y):
    base = math.fsum(y) / len(y)
    s = mean(score, p, y)
    rc = mean(score, fitted, y)
    unc = mean(score, np.full(len(y), base), y)
    return {"score": s, "mcb": s - rc, "dsc": unc - rc, "unc": unc}


def main():
    rng = np.random.default_rng(SEED)
    truth = rng.beta(2.0, 2.0, ROWS)
    y = (rng.random(ROWS) < truth).astype(int)
    # Overconfident: pushed away from ½ on the logit scale, with noise.
    logit = np.log(truth / (1 - truth)) * 1.6 + rng.normal(0, 0.4, ROWS)
    p = 1 / (1 + np.exp(-logit))
    p[: ROWS // 2] = np.round(p[: ROWS // 2], 2)
    p[:40] = 0.0
    p[40:80] = 1.0

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "predictions.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["probability", "outcome"])
        for pi, yi in zip(p, y):
            w.writerow([repr(float(pi)), "yes" if yi else "no"])
    # Read back what the test reads, so both sides score the same doubles.
    with open(OUT / "predictions.csv") as f:
        rows = list(csv.DictReader(f))
    p = np.array([float(r["probability"]) for r in rows])
    y = np.array([1 if r["outcome"] == "yes" else 0 for r in rows])

    fitted = IsotonicRegression(increasing=True).fit_transform(p, y)
    order = np.argsort(p, kind="stable")
    steps = []
    for i in order:
        value = float(fitted[i])
        if steps and steps[-1]["recalibrated"] == value:
            step = steps[-1]
            step["forecast_high"] = float(p[i])
            step["n"] += 1
            step["yes"] += int(y[i])
        else:
            steps.append({"forecast_low": float(p[i]), "forecast_high": float(p[i]),
                          "n": 1, "yes": int(y[i]), "recalibrated": value})
    expected = {
        "generator": "scripts/corp_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "seed": SEED,
        "rows": ROWS,
        "steps": steps,
        "brier": terms(brier, p, fitted, y),
        "log": terms(log_score, p, fitted, y),
    }
    with open(OUT / "expected.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

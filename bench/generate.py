#!/usr/bin/env python3
"""Synthetic fledger import CSVs for benchmarks (stdlib only, seeded, deterministic).

    python3 bench/generate.py N [-o FILE] [--seed S]

Writes N prediction rows in fledger's import columns (see DESIGN.md). Each question has a
unique statement; about a third of questions are shared by 2-4 forecasters, so peer scores
have work to do. ~500 forecasters, ~2,000 sources (title/author/outlet among ~60 outlets),
~50 tags with 0-3 per question, ~90% of questions resolved (yes/no, a few ambiguous or
annulled), some predictions phrased with ICD 203 words, none made after the outcome
(import rejects hindsight). Rows of one question agree on outcome, resolve-by and resolution date, as
import requires.
"""
import argparse
import csv
import datetime
import random
import sys

COLUMNS = ["statement", "probability", "confidence", "forecaster", "made_on", "resolve_by",
           "outcome", "resolved_on", "source_title", "source_author", "source_outlet", "tags"]
PHRASES = ["almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely",
           "very likely", "almost certain"]
TOPICS = ["Russia", "Ukraine", "China", "Taiwan", "Iran", "NATO", "the EU", "the Fed",
          "India", "Brazil", "Turkey", "Israel", "OPEC", "the UN", "Japan", "Germany"]
VERBS = ["announces", "signs", "rejects", "launches", "ends", "joins", "leaves", "raises",
         "cuts", "recognises", "blocks", "approves"]
OBJECTS = ["a ceasefire", "new sanctions", "an election", "a trade deal", "interest rates",
           "a referendum", "a summit", "a treaty", "an embargo", "a reform package"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of prediction rows")
    ap.add_argument("-o", "--output", default="-", help="file to write (default stdout)")
    ap.add_argument("--seed", type=int, default=20260101)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    forecasters = [f"Forecaster {i:03d} {rng.choice(['Smith', 'Ivanova', 'Chen', 'Okafor', 'Garcia', 'Müller'])}"
                   for i in range(500)]
    outlets = [f"Outlet {i:02d} Review" for i in range(60)]
    sources = []
    for i in range(2000):
        sources.append((f"Brief {i:04d}: {rng.choice(TOPICS)} outlook",
                        rng.choice(forecasters), rng.choice(outlets)))
    tags = [f"tag{i:02d}" for i in range(50)]
    start = datetime.date(2015, 1, 1)

    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    written = 0
    question = 0
    while written < args.n:
        question += 1
        shared = rng.random() < 0.33
        k = rng.randint(2, 4) if shared else 1
        k = min(k, args.n - written)
        statement = (f"Q{question}: {rng.choice(TOPICS)} {rng.choice(VERBS)} "
                     f"{rng.choice(OBJECTS)} by the given date")
        made_base = start + datetime.timedelta(days=rng.randrange(0, 3000))
        resolve_by = made_base + datetime.timedelta(days=rng.randrange(30, 900))
        r = rng.random()
        if r < 0.90:
            outcome = "yes" if rng.random() < 0.4 else "no"
            if rng.random() < 0.03:
                outcome = rng.choice(["ambiguous", "annulled"])
            resolved_on = made_base + datetime.timedelta(days=rng.randrange(10, 900))
        else:
            outcome, resolved_on = "", None
        qtags = ";".join(rng.sample(tags, rng.randint(0, 3)))
        truth = 0.7 if outcome == "yes" else 0.3
        for forecaster in rng.sample(forecasters, k):
            made_on = made_base + datetime.timedelta(days=rng.randrange(0, 60))
            # Import rejects a prediction dated after its question's outcome (hindsight).
            if resolved_on is not None and made_on > resolved_on:
                made_on = resolved_on
            title, author, outlet = rng.choice(sources)
            if rng.random() < 0.2:
                probability, confidence = "", rng.choice(PHRASES)
            else:
                p = min(1.0, max(0.0, rng.gauss(truth, 0.25)))
                probability, confidence = f"{round(p, 2)}", ""
            writer.writerow([
                statement, probability, confidence, forecaster, made_on.isoformat(),
                resolve_by.isoformat(), outcome,
                resolved_on.isoformat() if resolved_on else "",
                title, author, outlet, qtags,
            ])
            written += 1
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

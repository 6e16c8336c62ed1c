"""Annotate a corpus with Sift on Spark and write Parquet.

    python examples/spark_annotate.py INPUT OUTPUT [--master local[2]] [--batch 256]

INPUT is JSONL (one {"id", "text"} object per line, as `sift annotate` reads)
or Parquet (a directory or a file ending in .parquet) with `id` and `text`
columns. OUTPUT is a Parquet directory with one row per document:

    id        string
    entities  array<struct<start:int, end:int, label:string>>
    claims    array<struct<kind:string, cue, source, content, hedges:
                           array<array<int>>, source_entity: array<int>, vague_source: boolean>>
    error     string (null when the document was annotated)

Offsets are code points, end exclusive, as in `sift annotate`. Each partition
calls `sift.annotate_many` once per batch of `--batch` documents (so a
partition of any size stays within memory); the models are loaded once per
Python worker. A row whose text is missing, not a string, or refused by Sift
gets its message in `error` and empty lists; the job goes on.

On a cluster, install the wheel on every executor (or ship it, e.g.
`--archives` with a packed venv) and submit the script as it is:

    spark-submit --master yarn examples/spark_annotate.py hdfs:///in.jsonl hdfs:///out
"""

import argparse
import os
import sys
from typing import Iterator

from pyspark.sql import SparkSession, types as T

SPANS = T.ArrayType(T.ArrayType(T.IntegerType()))
SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField(
            "entities",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("start", T.IntegerType()),
                        T.StructField("end", T.IntegerType()),
                        T.StructField("label", T.StringType()),
                    ]
                )
            ),
        ),
        T.StructField(
            "claims",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("kind", T.StringType()),
                        T.StructField("cue", SPANS),
                        T.StructField("source", SPANS),
                        T.StructField("content", SPANS),
                        T.StructField("hedges", SPANS),
                        T.StructField("source_entity", T.ArrayType(T.IntegerType())),
                        T.StructField("vague_source", T.BooleanType()),
                    ]
                )
            ),
        ),
        T.StructField("error", T.StringType()),
    ]
)


def _row(doc_id, record=None, error=None):
    if record is None:
        return (doc_id, [], [], error)
    entities = [(s, e, label) for s, e, label in record["entities"]]
    claims = [
        (
            c["kind"],
            c["cue"],
            c["source"],
            c["content"],
            c["hedges"],
            c.get("source_entity"),
            c.get("vague_source"),
        )
        for c in record["claims"]
    ]
    return (doc_id, entities, claims, None)


def annotate_partition(rows: Iterator, batch: int = 256) -> Iterator[tuple]:
    """Rows of (id, text) to output rows; runs on the executors."""
    import sift  # imported here, so only the executors need the wheel's native part

    def flush(pending):
        ids = [i for i, _ in pending]
        texts = [t for _, t in pending]
        try:
            records = sift.annotate_many(texts)
        except (TypeError, ValueError):
            # One bad text fails the whole call: annotate one by one to find it
            # and keep the others.
            out = []
            for doc_id, text in pending:
                try:
                    out.append(_row(doc_id, sift.annotate(text)))
                except (TypeError, ValueError) as e:
                    out.append(_row(doc_id, error=str(e).replace("text: ", "", 1)))
            return out
        return [_row(i, r) for i, r in zip(ids, records)]

    pending = []
    for row in rows:
        doc_id = None if row["id"] is None else str(row["id"])
        text = row["text"]
        if not isinstance(text, str):
            # Flush first, so rows leave in the order they came.
            yield from flush(pending) if pending else ()
            pending = []
            got = "missing" if text is None else f"a {type(text).__name__}"
            yield _row(doc_id, error=f"text is {got}, not a string")
            continue
        pending.append((doc_id, text))
        if len(pending) >= batch:
            yield from flush(pending)
            pending = []
    if pending:
        yield from flush(pending)


def read_corpus(spark: SparkSession, path: str):
    if path.endswith(".parquet") or not path.endswith((".jsonl", ".json")):
        try:
            return spark.read.parquet(path).select("id", "text")
        except Exception:
            if path.endswith(".parquet"):
                raise
    # Every field as a string: ids may be numbers, and a text that is not a
    # string must reach the error column, not fail the schema.
    text_schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("text", T.StringType())])
    return spark.read.schema(text_schema).option("mode", "PERMISSIVE").json(path)


def run(spark: SparkSession, input_path: str, output_path: str, batch: int = 256) -> None:
    # The executors unpickle annotate_partition by module name: ship this file
    # to them (what `--py-files` does when the script is imported elsewhere).
    spark.sparkContext.addPyFile(__file__)
    docs = read_corpus(spark, input_path)
    # A JSONL file under one block is one partition: spread it over every core.
    cores = spark.sparkContext.defaultParallelism
    if docs.rdd.getNumPartitions() < cores:
        docs = docs.repartition(cores)
    out = docs.rdd.mapPartitions(lambda rows: annotate_partition(rows, batch))
    spark.createDataFrame(out, SCHEMA).write.mode("overwrite").parquet(output_path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--master", default=None, help="e.g. local[2]; spark-submit sets it otherwise")
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    builder = SparkSession.builder.appName("sift-annotate")
    if args.master and args.master.startswith("local"):
        # Local workers run this interpreter, the one sift is installed in.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        run(spark, args.input, args.output, args.batch)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()

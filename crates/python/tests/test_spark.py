"""examples/spark_annotate.py in local[2] mode against `sift annotate`."""

import json
import pathlib
import sys

import pytest

from conftest import ROOT, cli_records

pyspark = pytest.importorskip("pyspark", reason="cargo xtask test installs pyspark")
sys.path.insert(0, str(ROOT / "examples"))
import spark_annotate  # noqa: E402


def as_cli(row) -> dict:
    claims = []
    for c in row["claims"]:
        claim = {k: [list(r) for r in c[k]] for k in ("cue", "source", "content", "hedges")}
        claim["kind"] = c["kind"]
        if c["source_entity"] is not None:
            claim["source_entity"] = list(c["source_entity"])
        claim["vague_source"] = c["vague_source"]
        claims.append(claim)
    return {
        "id": row["id"],
        "entities": [[e["start"], e["end"], e["label"]] for e in row["entities"]],
        "claims": claims,
    }


def test_local_spark_equals_the_cli(docs, tmp_path, monkeypatch):
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)

    bad = [{"id": "no-text", "text": None}, {"id": "huge", "text": "a" * 10_000_001}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs + bad))
    out = tmp_path / "out"
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sift-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    try:
        spark_annotate.run(spark, str(corpus), str(out), batch=64)
        rows = spark.read.parquet(str(out)).collect()
    finally:
        spark.stop()
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(docs) + len(bad)
    assert "missing" in by_id["no-text"]["error"]
    assert "over the limit" in by_id["huge"]["error"]
    expected = cli_records(docs)
    assert len(expected) == len(docs)
    for want in expected:
        row = by_id[want["id"]]
        assert row["error"] is None
        assert as_cli(row) == want, want["id"]

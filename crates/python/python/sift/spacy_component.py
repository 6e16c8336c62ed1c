"""The ``"sift"`` spaCy pipe: ``nlp = spacy.blank("en"); nlp.add_pipe("sift")``.

It sets ``doc.ents`` from Sift's entities, ``doc.spans["claims"]`` (one span per
claim, from its first part to its last, labelled with its kind) and
``doc.spans["claim_parts"]`` (its source, cue, content and hedge spans,
labelled so), so displaCy draws them with ``style="ent"`` and
``style="span", options={"spans_key": "claim_parts"}``. Each claim span
carries ``span._.sift_kind``, ``._.sift_source``, ``._.sift_cue``,
``._.sift_content`` and ``._.sift_hedges``: lists of ``(start, end)``
character offsets as Sift gives them (plain tuples, so ``doc.to_bytes()``
still works; ``doc.char_span(start, end)`` turns one into a span).

Sift reads the raw text, not spaCy's tokens: its character offsets are mapped
to tokens with ``doc.char_span(..., alignment_mode="expand")``.
"""

from typing import Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

import sift

PARTS = ("source", "cue", "content", "hedges")

for _part in ("kind",) + PARTS:
    if not Span.has_extension(f"sift_{_part}"):
        Span.set_extension(f"sift_{_part}", default=None)


class SiftComponent:
    def __init__(self, nlp: Language, name: str = "sift", jobs: Optional[int] = None):
        self.name = name
        self.jobs = jobs

    def __call__(self, doc: Doc) -> Doc:
        return self._apply(doc, sift.annotate(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            records = sift.annotate_many([d.text for d in batch], jobs=self.jobs)
            for doc, record in zip(batch, records):
                yield self._apply(doc, record)

    def _apply(self, doc: Doc, record: dict) -> Doc:
        def span(start: int, end: int, label: str = "") -> Optional[Span]:
            return doc.char_span(start, end, label=label, alignment_mode="expand")

        ents = [s for s in (span(s, e, label) for s, e, label in record["entities"]) if s is not None]
        # Expanding to token edges can make two entities touch one token; keep the longer.
        doc.ents = filter_spans(ents)
        claims: List[Span] = []
        parts: List[Span] = []
        for claim in record["claims"]:
            ranges = [r for key in PARTS for r in claim[key]]
            whole = span(min(r[0] for r in ranges), max(r[1] for r in ranges), claim["kind"]) if ranges else None
            if whole is None:
                continue
            whole._.sift_kind = claim["kind"]
            for key in PARTS:
                label = "hedge" if key == "hedges" else key
                setattr(whole._, f"sift_{key}", [(a, b) for a, b in claim[key]])
                parts.extend(s for s in (span(a, b, label) for a, b in claim[key]) if s is not None)
            claims.append(whole)
        doc.spans["claims"] = claims
        doc.spans["claim_parts"] = parts
        return doc


@Language.factory("sift", default_config={"jobs": None})
def make_sift(nlp: Language, name: str, jobs: Optional[int]) -> SiftComponent:
    return SiftComponent(nlp, name, jobs)

"""Sift: named entities and claims (who said, denied, accused or reported what,
and how firmly) in English news text.

``annotate(text)`` gives one record, ``annotate_many(texts, jobs=None)`` a list
of them, annotated on every core. Records have the ``sift annotate`` JSON
schema without the ``id``; offsets are code points, end exclusive, so
``text[start:end]`` is the span::

    {"entities": [[0, 6, "GPE"], ...],
     "claims": [{"kind": "denial", "cue": [[23, 29]], "source": [[0, 17]],
                 "content": [...], "hedges": [...], "source_entity": [0, 17]}]}

The models are inside the package; nothing is downloaded and no text leaves
the machine. ``sift.spacy_component`` adds the ``"sift"`` spaCy pipe.
"""

from ._sift import MAX_CHARS, annotate, annotate_many

__all__ = ["annotate", "annotate_many", "MAX_CHARS"]

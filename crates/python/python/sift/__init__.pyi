from ._sift import MAX_CHARS as MAX_CHARS, annotate as annotate, annotate_many as annotate_many

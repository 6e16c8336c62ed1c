from typing import Any, Iterable, Optional

MAX_CHARS: int

def annotate(text: str) -> dict[str, Any]:
    """Entities and claims of one text. TypeError if it is not a str,
    ValueError if it holds a lone surrogate or is over MAX_CHARS code points."""

def annotate_many(texts: Iterable[str], jobs: Optional[int] = None) -> list[dict[str, Any]]:
    """One record per text, in order, on ``jobs`` threads (default: every
    core). A bad item raises before any work, naming its index."""

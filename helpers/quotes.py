"""Finding quotations in a text: straight and curly marks, unbalanced marks, quotes over paragraphs.

News style leaves a quotation open at the end of a paragraph when the same
speaker goes on in the next one, which then opens with a quotation mark again.
Such pieces come out as separate ``Quote`` objects that share a ``group``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_MARKS = frozenset("\u201c\u201e\u00ab")  # “ „ «
CLOSING_MARKS = frozenset("\u201d\u00bb")  # ” »
STRAIGHT_MARKS = frozenset('"\uff02')  # " ＂
ALL_MARKS = OPENING_MARKS | CLOSING_MARKS | STRAIGHT_MARKS
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    """One quoted piece: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    group: int


def find_quotes(text: str) -> list[Quote]:
    """All quoted pieces of the text in order; a piece left open at a paragraph's end ends there."""
    quotes: list[Quote] = []
    group = 0
    continues = False
    for paragraph in PARAGRAPH.finditer(text):
        pieces = _paragraph_quotes(text, paragraph.start(), paragraph.end())
        for index, (start, end, closed) in enumerate(pieces):
            if not (index == 0 and continues and start == _first_visible(text, paragraph.start(), paragraph.end())):
                group += 1
            inner_start = start + 1
            inner_end = end - 1 if closed else _rstrip(text, start + 1, end)
            if inner_end > inner_start and any(ch.isalnum() for ch in text[inner_start:inner_end]):
                quotes.append(Quote(start, end, inner_start, inner_end, closed, group))
        continues = bool(pieces) and not pieces[-1][2]
    return quotes


def _paragraph_quotes(text: str, begin: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quoted piece in one paragraph."""
    pieces = []
    open_at = None
    for i in range(begin, end):
        ch = text[i]
        if ch not in ALL_MARKS:
            continue
        if ch in OPENING_MARKS:
            if open_at is not None:  # a missing closing mark: end the open piece here
                pieces.append((open_at, i, False))
            open_at = i
        elif ch in CLOSING_MARKS:
            if open_at is not None:
                pieces.append((open_at, i + 1, True))
                open_at = None
        elif open_at is None:
            if _looks_opening(text, i, begin, end):
                open_at = i
        else:
            pieces.append((open_at, i + 1, True))
            open_at = None
    if open_at is not None:
        pieces.append((open_at, _rstrip(text, open_at, end), False))
    return pieces


def _looks_opening(text: str, i: int, begin: int, end: int) -> bool:
    """A straight mark opens unless it sits right after a letter and before a space (a stray closing mark)."""
    before = text[i - 1] if i > begin else " "
    after = text[i + 1] if i + 1 < end else " "
    return not (before.isalnum() and (after.isspace() or after in ".,;:!?"))


def _first_visible(text: str, begin: int, end: int) -> int:
    while begin < end and text[begin].isspace():
        begin += 1
    return begin


def _rstrip(text: str, begin: int, end: int) -> int:
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end

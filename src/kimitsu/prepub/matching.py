"""Finding check terms in a draft's text, the way a Japanese reader would see them as the same.

Both sides are folded alike (``core.text.fold``): NFKC, case-blind, without white space. Every
folded character remembers where it came from, so that a hit is shown in the draft's own words.

Folding away spaces would let an alphanumeric term hide inside a longer word (「AX200」 holds
「X200」): a term that begins or ends with a letter or a digit hits only where the draft's own
character beside it is not one. Japanese has no spaces between words, so a term of kana or kanji
hits wherever it stands.

Many terms are looked for at once with an Aho–Corasick automaton (pyahocorasick): one pass over the
text, whatever the number of terms — 300,000 terms cost what three do.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from kimitsu.core.text import fold, is_word_char
from kimitsu.register.terms import MIN_LENGTH

CONTEXT_CHARS = 30
_HALF_WIDTH_MARKS = "\uff9e\uff9f"  # ﾞ ﾟ


@dataclass(frozen=True)
class Hit:
    source: object  # what the term belongs to (the caller's key)
    term: str  # as written in the register
    start: int  # in the original text
    end: int
    before: str
    matched: str
    after: str


class Matcher:
    """All the terms of a workspace, ready to be looked for in any number of texts."""

    def __init__(self, terms: Iterable[tuple[str, object]]):
        """``terms``: (term as written, source) pairs; a term may belong to several sources."""
        self._automaton = ahocorasick.Automaton()
        found: dict[str, list] = {}
        self.term_count = 0
        for term, source in terms:
            key = fold(term)[0]
            if len(key) < MIN_LENGTH:
                continue
            self.term_count += 1
            found.setdefault(key, []).append((term, source))
        for key, owners in found.items():
            self._automaton.add_word(
                key, (key, owners, is_word_char(key[0]), is_word_char(key[-1]))
            )
        self.empty = not found
        if found:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        if self.empty or not text:
            return []
        folded, where = fold(text)
        hits: list[Hit] = []
        for end, (key, owners, word_start, word_end) in self._automaton.iter(folded):
            first = end - len(key) + 1
            start, stop = where[first], where[end] + 1
            while stop < len(text) and text[stop] in _HALF_WIDTH_MARKS:  # ｶﾞ folded into ガ
                stop += 1
            # a one-character original may fold into several (㈱ → (株)): the hit must cover it
            if first > 0 and where[first - 1] == start:
                continue
            if end + 1 < len(where) and where[end + 1] == where[end]:
                continue
            if word_start and start > 0 and is_word_char(text[start - 1]):
                continue
            if word_end and stop < len(text) and is_word_char(text[stop]):
                continue
            before, matched, after = context(text, start, stop)
            for term, source in owners:
                hits.append(Hit(source, term, start, stop, before, matched, after))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


def _one_line(text: str) -> str:
    return " ".join(text.split())


def context(text: str, start: int, stop: int) -> tuple[str, str, str]:
    """The words around a hit, on one line: (before, the hit as written, after)."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[stop : stop + CONTEXT_CHARS]
    lead = "…" if start > CONTEXT_CHARS else ""
    tail = "…" if stop + CONTEXT_CHARS < len(text) else ""
    return (
        lead + _one_line(before).lstrip() + (" " if before[-1:].isspace() else ""),
        _one_line(text[start:stop]),
        (" " if after[:1].isspace() else "") + _one_line(after).rstrip() + tail,
    )

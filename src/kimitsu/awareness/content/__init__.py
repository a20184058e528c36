"""The questions, explanations and learning texts of the awareness app.

Long texts are written once per language (``T(ja, en)``) rather than as gettext msgids: they are
content, read as a whole, and are easier to keep right side by side. Every wording is ours.
"""

from dataclasses import dataclass

from django.utils.translation import get_language


class T:
    """A text in Japanese and English; ``str()`` gives the active language's version."""

    __slots__ = ("ja", "en")

    def __init__(self, ja: str, en: str):
        self.ja = ja
        self.en = en

    def __str__(self) -> str:
        return self.en if (get_language() or "ja").startswith("en") else self.ja

    def __repr__(self) -> str:
        return f"T({self.ja!r})"


@dataclass(frozen=True)
class Question:
    code: str
    text: T
    group: str = ""  # objective code (trade secret) or part code (security)
    step: int = 0
    recommendation: T | None = None
    targets: tuple = ()

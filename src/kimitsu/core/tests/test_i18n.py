"""Japanese is the default and must be complete: every .po in the project is fully translated."""

from pathlib import Path

import pytest

import kimitsu

PO_FILES = sorted(Path(kimitsu.__file__).parent.glob("**/locale/ja/LC_MESSAGES/django.po"))


def _entries(path: Path):
    """A small .po reader (msgid/msgstr pairs with flags), enough for this check."""
    entries, current, key, flags = [], {}, None, set()
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[")):
            key, _, value = line.partition(" ")
            if key == "msgid" and current:
                entries.append((current, flags))
                current, flags = {}, set()
            current[key] = value.strip()[1:-1]
        elif line.startswith('"') and key:
            current[key] += line.strip()[1:-1]
        elif not line.strip() and current.get("msgid") is not None and "msgstr" in str(current):
            pass
    if current:
        entries.append((current, flags))
    return [(e, f) for e, f in entries if e.get("msgid")]


def test_there_is_a_japanese_catalogue():
    assert PO_FILES, "no locale/ja/LC_MESSAGES/django.po found"


@pytest.mark.parametrize(
    "path", PO_FILES, ids=lambda p: str(p.relative_to(Path(kimitsu.__file__).parent))
)
def test_japanese_catalogue_is_complete(path):
    untranslated = []
    for entry, flags in _entries(path):
        strs = [v for k, v in entry.items() if k.startswith("msgstr")]
        if "fuzzy" in flags or not strs or not all(strs):
            untranslated.append(entry["msgid"])
    assert not untranslated, f"{len(untranslated)} untranslated in {path}: {untranslated[:10]}"

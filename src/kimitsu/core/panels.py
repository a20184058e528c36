"""Panels that an app adds to another app's page, without that app knowing it.

The evidence vault shows, on a register entry's page, the TSA times of its designation and the
evidence linked to it; the register does not import the vault (the vault builds on the register).
An app registers ``panel(request, membership, obj) -> str`` (HTML, already escaped, "" for none)
for a place, from its ``AppConfig.ready``; the page renders the place with ``{% panels %}``.
"""

from collections.abc import Callable

_PANELS: dict[str, list[Callable]] = {}


def register(place: str, panel: Callable) -> None:
    if panel not in _PANELS.setdefault(place, []):
        _PANELS[place].append(panel)


def render(place: str, request, membership, obj) -> str:
    return "".join(panel(request, membership, obj) or "" for panel in _PANELS.get(place, []))

"""Where a gap of a self-check is closed: candidate URL names, tried in order at render time (an
app may not have the page yet); the step's card on the company home is the fallback
(``kimitsu.awareness.links``)."""

SELF_CHECKS = ("awareness:checks",)
LEARN = ("awareness:learn",)
TRAININGS = ("awareness:trainings",)
DECISIONS = ("awareness:decisions",)
MEMBERS = ("organizations:members",)
PEOPLE = ("organizations:people",)
DEPARTMENTS = ("organizations:departments",)
REGISTER = ("register:entries", "register:overview")
LEVELS = ("register:levels", "register:entries", "register:overview")
REGULATION = ("rules:regulation", "rules:guide")
HANDLING = ("rules:matrix", "rules:handling", "rules:guide")
PLEDGES = ("pledges:gaps", "pledges:templates", "pledges:home")
NDA = ("pledges:partners", "pledges:templates", "pledges:home")
PREPUB = ("prepub:list", "awareness:trainings")

"""Demo data of the apps built on the foundation. Each app owns a ``demo.populate`` function; it is
called here only when the app is installed, so that the foundation runs on its own."""

from django.apps import apps
from django.utils.module_loading import import_string

# app label -> dotted path of populate(company, desk, created_company, created_desk)
DEMO_POPULATORS = [
    ("register", "kimitsu.register.demo.populate"),
    ("rules", "kimitsu.rules.demo.populate"),
    ("pledges", "kimitsu.pledges.demo.populate"),
    ("awareness", "kimitsu.awareness.demo.populate"),
    ("desk", "kimitsu.desk.demo.populate"),
    ("prepub", "kimitsu.prepub.demo.populate"),
    ("approvals", "kimitsu.approvals.demo.populate"),
    ("evidence", "kimitsu.evidence.demo.populate"),
]


def populate_extensions(company, desk, created_company, created_desk):
    for label, path in DEMO_POPULATORS:
        if apps.is_installed(f"kimitsu.{label}"):
            import_string(path)(company, desk, created_company, created_desk)

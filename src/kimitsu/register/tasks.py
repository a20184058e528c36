"""Tasks of the queue (huey finds this module in every app): the register imports from the pages."""

from . import import_jobs  # noqa: F401  (registers their work with kimitsu.core.jobs)

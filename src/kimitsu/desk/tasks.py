"""Tasks of the queue (huey finds this module in every app): the desk imports and the activity report."""

from . import import_jobs, report_jobs  # noqa: F401  (register their work with kimitsu.core.jobs)

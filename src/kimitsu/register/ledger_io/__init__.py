"""The register as a spreadsheet: blank template, export (.xlsx / CSV) and import.

The file format is Japanese (headers 管理番号, 名称, …; English headers are accepted too). An import
reads and validates every row first; any error stops it and nothing is written. A plan (create /
update / unchanged) is shown before the user confirms, and the plan is computed again on confirm.

- ``schema``: the columns, the vocabulary of their values, and the result types;
- ``reading``: a file into rows, and cells into values;
- ``checking``: rows into a plan or errors (``plan_import``);
- ``applying``: a plan written, all or nothing (``apply_import``);
- ``writing``: export and template.
"""

from .applying import apply_import, refresh_statistics
from .checking import plan_import
from .schema import (
    COLUMNS,
    Column,
    ImportRefused,
    ImportResult,
    PlannedRow,
    RowError,
    column_label,
    max_upload_bytes,
)
from .writing import export_csv, export_rows, export_xlsx, template_xlsx

__all__ = [
    "COLUMNS",
    "Column",
    "ImportRefused",
    "ImportResult",
    "PlannedRow",
    "RowError",
    "apply_import",
    "column_label",
    "export_csv",
    "export_rows",
    "export_xlsx",
    "max_upload_bytes",
    "plan_import",
    "refresh_statistics",
    "template_xlsx",
]

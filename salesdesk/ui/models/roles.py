"""Item data roles shared by every model."""

from PySide6.QtCore import Qt

# The raw Python value (Decimal, date…) a column sorts on.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The plain object behind a row.
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

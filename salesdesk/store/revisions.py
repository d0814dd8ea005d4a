"""The schema revisions this release knows, newest last, and its head: what start-up
compares a database's `alembic_version` with, without importing Alembic or SQLAlchemy
(store.migrate keeps them equal to the scripts' own history, a test checks).
"""

from __future__ import annotations

SCHEMA_HEAD = "0025"
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0018",
    "0017",
    "0019",
    "0015",
    "0016",
    "0020",
    "0022",
    "0021",
    "0023",
    "0025",
)

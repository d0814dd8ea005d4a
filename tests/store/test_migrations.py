from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from salesdesk.store.migrate import KNOWN_REVISIONS, SCHEMA_HEAD, alembic_config, upgrade
from salesdesk.store.tables import metadata


def test_head_constants_match_the_scripts():
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_current_head() == SCHEMA_HEAD
    history = [rev.revision for rev in scripts.walk_revisions()]
    assert sorted(history) == sorted(KNOWN_REVISIONS)


def _schema(engine):
    insp = inspect(engine)
    out = {}
    for table in sorted(insp.get_table_names()):
        if table == "alembic_version":
            continue
        out[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)
            ),
            "pk": sorted(insp.get_pk_constraint(table)["constrained_columns"]),
            "fks": sorted(
                (
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    f.get("options", {}).get("ondelete"),
                )
                for f in insp.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)
            ),
            "uniques": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
        }
    return out


def test_migrated_schema_equals_create_all(tmp_path):
    migrated = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade(migrated)
    created = create_engine(f"sqlite:///{tmp_path / 'created.db'}")
    metadata.create_all(created)
    assert _schema(migrated) == _schema(created)
    with migrated.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert diff == []

"""Persistence: SQLModel tables, the engine, migrations and repositories."""

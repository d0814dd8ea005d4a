"""One Alembic script per revision (Alembic ignores this file); see the package's docstring."""

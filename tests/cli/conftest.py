from __future__ import annotations

import pytest


@pytest.fixture
def demo_db(cli):
    """The command line on a database holding the sample deals."""
    result = cli("demo")
    assert result.returncode == 0, result.stderr
    return cli

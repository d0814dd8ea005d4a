"""A wheel (`pip install .`, not editable) carries every file the app reads at run time."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_every_resource_the_app_reads():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    shipped = {
        (Path(target).relative_to("share/salesdesk") / path.name).as_posix()
        for target, patterns in data_files.items()
        for pattern in patterns
        for path in ROOT.glob(pattern)
    }
    needed = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and path.suffix not in (".ts", ".po")  # sources for translators
    }
    assert needed and needed <= shipped, sorted(needed - shipped)

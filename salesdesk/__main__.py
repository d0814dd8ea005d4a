"""The one door: `salesdesk` opens the app, `salesdesk COMMAND` runs the command line.

Imports stay minimal until the branch is known: `--version` and every command run
without Qt, and Qt is imported only for the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from salesdesk import __version__

        print(f"salesdesk {__version__}")
        return 0
    launch, db = _app_launch(args)
    if launch:
        # The app's own path skips argparse and the command line's imports.
        from salesdesk.ui.app import run_app

        return run_app(db)
    from salesdesk import cli

    parsed = cli.parse(args)
    if parsed.command is None:
        from salesdesk.ui.app import run_app

        return run_app(parsed.db)
    try:
        return cli.run(parsed)
    except BrokenPipeError:
        # The reader went away (`salesdesk deals | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _app_launch(args: list[str]) -> tuple[bool, str | None]:
    """Whether the arguments open the app (no command), and with which `--db`."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0][len("--db=") :]
    return False, None


if __name__ == "__main__":
    sys.exit(main())

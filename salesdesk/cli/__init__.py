"""The headless command line. Never imports Qt; imports the store only when a command needs it.

`parser` holds the grammar, `output` the one way out to the terminal (every line's
control characters shown, not obeyed), `common` what the commands share, and each
`cmd_*` module a group of commands, imported only when one of them runs. User mistakes
exit 2 with one line on stderr (an import that rejects a file adds at most ten
`line N, column C: reason` lines); bugs are left to raise.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from salesdesk.cli.output import EXIT_USER_ERROR, UserError, fail
from salesdesk.cli.parser import build_parser
from salesdesk.domain.errors import InputError

__all__ = ["EXIT_USER_ERROR", "UserError", "build_parser", "parse", "run"]

Command = Callable[[argparse.Namespace], int]


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; returns the exit status."""
    from salesdesk.store.errors import StoreError

    handler = _command(args.command)
    try:
        return handler(args)
    except UserError as exc:
        fail(str(exc), exc.lines)
    except (InputError, StoreError) as exc:
        fail(str(exc), getattr(exc, "lines", ()))
    return EXIT_USER_ERROR


def _command(name: str) -> Command:
    """The command's function, its group's module imported now (by name, so that a
    bundler's analysis sees every one)."""
    from types import ModuleType

    module: ModuleType
    if name in ("demo", "deals", "show", "export-deal", "import-deal"):
        from salesdesk.cli import cmd_deals as module
    elif name in ("brief", "pack", "ics"):
        from salesdesk.cli import cmd_brief as module
    elif name == "import":
        from salesdesk.cli import cmd_import as module
    elif name in ("team", "approvals", "approve", "sync"):
        from salesdesk.cli import cmd_team as module
    elif name in ("backup", "restore"):
        from salesdesk.cli import cmd_backup as module
    elif name in ("packages", "frontier", "price-effect"):
        from salesdesk.cli import cmd_analysis as module
    else:  # counterpart, next-offer, rehearse
        from salesdesk.cli import cmd_loop as module
    command: Command = getattr(module, "cmd_" + name.replace("-", "_"))
    return command

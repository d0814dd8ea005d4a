"""Atomic file writing: a reader never sees half a file, a crash leaves the old one."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def atomic_target(path: Path) -> Path:
    """The file a write to `path` replaces: a symlink's target (the link stays a link).

    Raises OSError for a target that is not a regular file (a folder, a FIFO, a
    device such as /dev/full): replacing it with a file would destroy it.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        error = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
        raise OSError(error, "not a regular file", str(path))
    return target


def new_file_mode(target: Path) -> int:
    """The permissions a file written at `target` should have: the replaced file's, or
    the umask's for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    Through a symlink the link's target is replaced; a target that is not a regular
    file is refused. The new file has the old one's permissions, or the ones the umask
    gives a new file. Raises OSError (PermissionError, FileNotFoundError, …) when the
    folder cannot be written; the previous file, if any, is then left as it was.
    """
    target = atomic_target(Path(path))
    mode = new_file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):  # mkstemp makes it 0600 whatever the umask
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))

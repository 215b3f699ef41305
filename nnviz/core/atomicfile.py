"""Writing a file so that it holds its old or its new content, never a mix, and says why not.

The bytes go to a temporary file beside the target (created exclusively, so a planted
symlink is never followed), are flushed to disk, then renamed over the target. A
crash in between leaves only the temporary; the next save of the same file removes
such leftovers (``remove_stale_temporaries``). Errors name the user's file and the
reason, never the temporary's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from pathlib import Path

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.tmp$")
# O_NOFOLLOW where the platform has it: O_EXCL alone already refuses an existing link.
_CREATE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
           | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class SaveError(OSError):
    """A write that failed; ``str()`` is one sentence naming the target and the reason."""

    def __init__(self, target: Path, reason: str, code: int | None = None) -> None:
        super().__init__(code, reason, str(target))
        self.target, self.reason = target, reason

    def __str__(self) -> str:
        return f"cannot save {self.target}: {self.reason}"


def temporary_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def is_temporary_of(candidate: Path, target: Path) -> bool:
    match = _TEMPORARY.match(candidate.name)
    return bool(match) and match["name"] == target.name and candidate.parent == target.parent


def remove_stale_temporaries(target: str | os.PathLike[str]) -> int:
    """Delete what interrupted saves of ``target`` left beside it; returns how many.

    Only regular files named like this module's temporaries of that very file, owned
    by this user, are touched (never a symlink, never another document's).
    """
    target = Path(target)
    removed = 0
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return 0
    for entry in entries:
        path = Path(entry.path)
        if not is_temporary_of(path, target):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid")
                                                  and info.st_uid != os.getuid()):
                continue
            os.unlink(path)
            removed += 1
        except OSError:
            continue
    return removed


def read_only(target: str | os.PathLike[str]) -> bool:
    """True when ``target`` exists and nobody may write it (mode without any w bit)."""
    try:
        return not os.stat(target).st_mode & 0o222
    except OSError:
        return False


def reason(exc: OSError, target: Path) -> str:
    """What went wrong, in the user's terms."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: the folder {target.parent} cannot be written here"
    if code == errno.EROFS:
        return f"the folder {target.parent} is on a read-only disk"
    if code == errno.ENOSPC:
        return "the disk is full"
    if code == errno.ENOENT:
        return f"the folder {target.parent} does not exist"
    if code == errno.EISDIR:
        return "it is a folder"
    if code == errno.EDQUOT:
        return "the disk quota is exceeded"
    return exc.strerror or str(exc)


def check_writable(target: str | os.PathLike[str], replace_read_only: bool = False) -> None:
    """Raise SaveError unless ``target`` could be written now (before long work).

    Tries for real, with a temporary that is removed at once: permission bits,
    ACLs, read-only mounts and full quotas all answer the same way.
    """
    target = Path(target)
    if target.is_dir():
        raise SaveError(target, "it is a folder")
    if read_only(target) and not replace_read_only:
        raise SaveError(target, "the file is read-only")
    probe = temporary_for(target)
    try:
        os.close(os.open(probe, _CREATE, 0o600))
    except OSError as exc:
        raise SaveError(target, reason(exc, target), exc.errno) from None
    with contextlib.suppress(OSError):
        os.unlink(probe)


def write_atomic(target: str | os.PathLike[str], payload: bytes, private: bool = False) -> None:
    """Replace ``target`` by ``payload`` atomically; SaveError (the temporary gone) on failure.

    A new file gets the mode the umask gives; a replaced one keeps its mode. With
    ``private`` the file is 0600 whatever it replaces (crash-recovery copies).
    """
    target = Path(target)
    remove_stale_temporaries(target)
    tmp = temporary_for(target)
    try:
        fd = os.open(tmp, _CREATE, 0o600 if private else 0o666)
    except OSError as exc:
        raise SaveError(target, reason(exc, target), exc.errno) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            with contextlib.suppress(OSError):  # keep the permissions of the file replaced
                os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        os.replace(tmp, target)  # renames over a symlink itself, never through it
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(target, reason(exc, target), exc.errno) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(target.parent)


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where directories cannot be opened, skip."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

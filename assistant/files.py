"""Private files under the data dir: folders 0700, files 0600."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import tempfile
import uuid
from pathlib import Path

from assistant.errors import ConfigError

DATA_DIR_ENV = "ASSISTANT_DATA_DIR"
FIX_DATA_DIR = ("Set ASSISTANT_DATA_DIR to a folder of your own that you can write (it is "
                "created when missing), or fix this one's permissions.")


def unusable(exc: OSError, path: Path, what: str) -> ConfigError:
    """The error for ``what`` at ``path`` that the OS refused: which file, why, what to do."""
    culprit = exc.filename or path
    if isinstance(exc, FileExistsError | NotADirectoryError):
        why = f"{culprit} is not a folder"
    elif isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EPERM):
        why = f"{culprit} cannot be written ({exc.strerror})"
    else:
        why = f"{culprit}: {exc.strerror or exc}"
    return ConfigError(f"The {what} {path} cannot be used: {why}.", hint=FIX_DATA_DIR)


def usable_dir(path: Path, what: str = "data dir (ASSISTANT_DATA_DIR)") -> Path:
    """``path`` if it is a folder or does not exist yet; a ConfigError if it is something else
    (a file, /dev/null): looking must not take such a data dir for an empty one."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"The {what} {path} is not a folder.", hint=FIX_DATA_DIR)
    return path


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 and return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists with mode 0600 (its folder 0700) and return it."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by the owner only."""
    private_dir(path.parent)
    # A temporary name of its own: runs side by side (three `cancel`s, a `tick`) may save the
    # same file at the same moment; each replace is whole, the last one wins.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp makes it 0600
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def scratch_dir(root: Path) -> Path:
    """A new private folder of this process under ``root``, for temporary files; first removes
    the folders there of this host's processes that no longer run (a run killed before it
    could clean up). Folders of runs still going (a `tick` beside a `cancel`) are kept."""
    private_dir(root)
    host = socket.gethostname()
    for entry in root.iterdir():
        owner_host, _, rest = entry.name.rpartition("-pid")
        pid = rest.split("-", 1)[0]
        if owner_host == host and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
    return private_dir(root / f"{host}-pid{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def user_data_dir() -> Path:
    """The platform's data folder for the assistant (ASSISTANT_DATA_DIR unset)."""
    import platformdirs  # only when it is needed: a run with the data dir set skips it

    return Path(platformdirs.user_data_dir("aliexpress-assistant"))


def data_dir_hint() -> Path:
    """The data dir the settings will name, as the settings read it (the environment, then
    `.env` in the current folder, then the platform's folder; names in any case), but
    without validating them. Only a guess: the validated settings decide."""
    for name, value in os.environ.items():
        if name.upper() == DATA_DIR_ENV:
            return Path(value)
    if Path(".env").is_file():
        from dotenv import dotenv_values

        for name, found in dotenv_values(".env", encoding="utf-8").items():
            if name.upper() == DATA_DIR_ENV and found is not None:
                return Path(found)
    return user_data_dir()

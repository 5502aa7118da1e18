"""Where bcareer keeps a person's files (config, cache, data overlays); its folders are private."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from billing_career.errors import OperationError

APP_NAME = "bcareer"


def _no_home(what: str, variable: str, instead: str) -> OperationError:
    """With no home folder (HOME unset and no account entry) the platform folders are unknown:
    say so, and what to set instead."""
    return OperationError(
        f"There is no home folder (HOME is not set), so bcareer has nowhere to keep {what}.",
        f"Set {variable} to a folder{instead}.",
    )


def config_dir() -> Path:
    """Profiles and settings: $BCAREER_CONFIG_DIR, else the platform's config folder."""
    override = os.environ.get("BCAREER_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    try:
        return user_config_path(APP_NAME)
    except RuntimeError:
        raise _no_home("your saved answers", "BCAREER_CONFIG_DIR", ", or use --no-save") from None


def cache_dir() -> Path:
    """Rebuildable caches: $BCAREER_CACHE_DIR, else the platform's cache folder."""
    override = os.environ.get("BCAREER_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("linux"):
        # The XDG rule platformdirs follows on Linux, without importing platformdirs (about 3 ms
        # of a start that needs no other folder); anything unusual is left to it.
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        home = os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg) / APP_NAME
        if os.path.isabs(home):
            return Path(home.rstrip("/") or "/") / ".cache" / APP_NAME
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME)


def user_data_dir() -> Path:
    """A person's own figures (state pay, local programs): $BCAREER_USER_DATA_DIR, else the
    platform's data folder."""
    override = os.environ.get("BCAREER_USER_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    try:
        return user_data_path(APP_NAME)
    except RuntimeError:
        raise _no_home(
            "your own figures", "BCAREER_USER_DATA_DIR", " (or give --data-dir)"
        ) from None


def make_private_dir(path: Path) -> Path:
    """path as a folder, creating it and any missing parents with mode 0700 (readable by the user
    alone, whatever the umask). Folders that exist are left as they are. OSError on failure."""
    missing = []
    folder = Path(path)
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by a run beside this one: leave it as that run made it
        # mkdir's mode passes through the umask: a umask of 000 must not give 0777, nor 0277
        # a folder the user cannot write to.
        os.chmod(folder, 0o700)
    return Path(path)

"""Where bcareer keeps a person's files (config, cache, data overlays); its folders are private."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "bcareer"


def config_dir() -> Path:
    """Profiles and settings: $BCAREER_CONFIG_DIR, else the platform's config folder."""
    override = os.environ.get("BCAREER_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


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

    return user_data_path(APP_NAME)


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

"""Where bcareer keeps a person's files: config (profiles), cache, and their own data overlays."""

from __future__ import annotations

import os
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

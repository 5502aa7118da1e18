"""Where bcareer keeps a person's files: config (profiles), cache, and their own data overlays."""

from __future__ import annotations

import os
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

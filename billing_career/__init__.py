"""bcareer: an offline, explained career plan for US medical billing specialists."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bcareer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

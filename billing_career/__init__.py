"""bcareer: an offline, explained career plan for US medical billing specialists."""

# The single place the version is set: hatchling reads it for the wheel, and reading it here
# spares every start-up the cost of importlib.metadata.
__version__ = "0.1.0"

"""The command line: parses, calls the core, renders; makes no decisions."""

"""Run bcareer as `python -m billing_career`."""

from billing_career.cli.entry import main

if __name__ == "__main__":
    main()

"""Entry point for ``python -m cohort``."""

from cohort.cli.main import main

if __name__ == "__main__":
    main()

"""Allow ``python -m synews_cli``."""

from synews_cli.cli import main

if __name__ == "__main__":
    main()

"""Allow ``python -m bot`` as well as the ``quotebot`` console script."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())

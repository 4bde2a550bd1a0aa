"""Start Customers for Life: `python main.py [--db PATH_OR_URL] [--data-dir DIR]`."""

import sys

from ui.application import run

if __name__ == "__main__":
    sys.exit(run(sys.argv))

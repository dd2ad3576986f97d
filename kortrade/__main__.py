"""`python -m kortrade` runs the command line."""

import signal
import sys


def _stop_before_start(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM while the command line is still loading: nothing is written yet; one line."""
    name = "interrupted" if signum == signal.SIGINT else "terminated"
    print(f"kortrade: {name} while starting; nothing was written", file=sys.stderr)
    sys.exit(128 + signum)


for _signum in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signum, _stop_before_start)

from .cli import main  # after the handlers, so a signal during the imports is not a traceback

sys.exit(main())

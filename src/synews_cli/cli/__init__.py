"""The command line: flags -> a query and an output choice -> the library. Thin on purpose.

The commands live by what they are for (browse.py, curate.py, admin.py); app.py lists them
(``COMMANDS``), holds the global options and the one error handler; this module runs it.
"""

import errno
import gc
import signal
import sys
import warnings

from synews_cli.cli.app import app
from synews_cli.cli.messages import error_line, quiet_broken_pipe
from synews_cli.errors import EXIT_DATA

__all__ = ["app", "main"]


def main() -> None:
    """The console script: run the app; never let a traceback reach the user."""
    # Typer and Click make thousands of objects at import that live as long as the process,
    # and a query may make thousands of records that live until it ends: frozen, they are
    # not traversed again by each collection nor at exit (README, "Performance").
    gc.freeze()
    # Killed politely (SIGTERM, as by `timeout` or a service manager), unwind as for Ctrl-C:
    # a half-written output file or store is removed rather than left beside the user's.
    signal.signal(signal.SIGTERM, _terminated)
    if sys.stdout is None:  # closed by the shell (>&-): writing to it is an I/O error
        from synews_cli.render.output import ClosedOutput

        sys.stdout = ClosedOutput()
    if not sys.warnoptions:
        # A library's warning prints as a line of Python source: users get sentences. (The
        # recipe in Python's warnings documentation; `python -W` still shows them.)
        warnings.simplefilter("ignore")
    try:
        app(prog_name="synews")
    except BrokenPipeError:  # the reader went away outside a command: not an error
        quiet_broken_pipe()
        sys.exit(0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except UnicodeEncodeError as error:  # stdout in ASCII or Latin-1, and text it lacks
        error_line(
            f"the output's encoding ({error.encoding}) cannot show "
            f"{error.object[error.start : error.end]!a}",
            "set PYTHONIOENCODING=utf-8 or a UTF-8 locale (LANG=C.UTF-8), or write a file "
            "with -o FILE",
        )
        sys.exit(EXIT_DATA)
    except OSError as error:  # outside a command's own handling: --help, cache info, ...
        writing = error.errno in (errno.EBADF, errno.ENOSPC, errno.EIO)
        what = "cannot write the output" if writing else "input/output error"
        error_line(f"{what}: {error.strerror or error}")
        sys.exit(EXIT_DATA)
    except Exception as error:
        error_line(
            f"internal error: {type(error).__name__}: {error}",
            "this is a bug in synews; please report it with the command you ran",
        )
        sys.exit(EXIT_DATA)
    finally:
        gc.freeze()


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)

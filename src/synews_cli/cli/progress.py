"""A progress bar on stderr while a large dataset is read, only on a terminal and only
after a second: short runs stay silent, and pipes and logs never see it."""

import sys
import time

SHOW_AFTER_S = 1.0


class ProgressBar:
    """``synews: indexing [####------] 12/100 files``, wiped when the last file is done."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.shown = False
        try:
            self.enabled = sys.stderr.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled and time.monotonic() - self.start >= SHOW_AFTER_S:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\rsynews: indexing [{bar}] {done}/{total} files")
            sys.stderr.flush()
            self.shown = True
        if done == total and self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

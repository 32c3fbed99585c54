"""Reading a text that a user or a dataset names (an article to extract from, a source's
text to verify against): only a regular file, never blocking on a FIFO or a terminal, and
at most MAX_TEXT_BYTES of it, so that no name can make synews wait forever or fill memory."""

import os
import stat
import sys
from pathlib import Path

MAX_TEXT_BYTES = 50_000_000  # an article, not an archive (docs/security.md)
# Opening a FIFO with no writer would wait for one; Windows has neither the flag nor FIFOs.
_NO_WAIT = os.O_NONBLOCK if sys.platform != "win32" else 0


def read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it could not be read): never raises, never blocks."""
    try:
        handle = os.open(path, os.O_RDONLY | _NO_WAIT)
    except OSError as error:
        return None, error.strerror or str(error)
    try:
        st = os.fstat(handle)
        if not stat.S_ISREG(st.st_mode):
            return None, "not a regular file"
        if st.st_size > MAX_TEXT_BYTES:
            return None, _too_large()
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        return None, error.strerror or str(error)
    finally:
        os.close(handle)
    return decode(data)


def read_stdin() -> tuple[str | None, str | None]:
    """Standard input, as read_text reads a file (a pipe may be as long as it likes, so it
    is read up to the limit)."""
    try:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        return None, error.strerror or str(error)
    return decode(data)


def decode(data: bytes) -> tuple[str | None, str | None]:
    if len(data) > MAX_TEXT_BYTES:
        return None, _too_large()
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"


def _too_large() -> str:
    return f"larger than {MAX_TEXT_BYTES // 1_000_000} MB"

"""Domain errors: raised deep, translated once at the CLI edge into one line and an exit code.

Exit codes (documented in the README):
    0  success, also when nothing matched
    1  invalid data or an I/O failure
    2  usage error (a bad option value, an unknown id or name)
"""

from typing import NamedTuple

EXIT_DATA = 1
EXIT_USAGE = 2


class SynewsError(Exception):
    """Base class: an error the user can act on. ``hint`` is printed after the message."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(SynewsError):
    """A bad option value, unknown id or unknown name: the user typed something wrong."""

    exit_code = EXIT_USAGE


class Ambiguous(UsageError):
    """A name that fits several items: each candidate is (kind, id, what it is), listed
    under the message; ``more`` says how many were left out of the list."""

    def __init__(
        self,
        message: str,
        *,
        candidates: list[tuple[str, str, str]],
        more: int = 0,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.candidates = candidates
        self.more = more


class DataIOError(SynewsError):
    """A file could not be read or written."""

    exit_code = EXIT_DATA


class Problem(NamedTuple):
    """One validation finding, printed as ``file:line: item id: field: message``."""

    file: str
    line: int | None
    item: str | None
    field: str | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.item:
            parts.append(self.item)
        if self.field:
            parts.append(self.field)
        prefix = "warning: " if self.warning else ""
        return ": ".join(parts) + f": {prefix}{self.message}"


class DataError(SynewsError):
    """The dataset is invalid; carries every problem found, not only the first."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        count = len(problems)
        super().__init__(
            f"the dataset has {count} problem{'s' if count != 1 else ''}",
            hint="run 'synews check' for the full list; fix the lines above and try again",
        )
        self.problems = problems
        self.warnings = warnings or []

"""Parameter types: Typer converts and checks option values with these (``parser=``) before a
command runs, so a bad value is a usage error (exit 2) that names the option and what it
takes, and the command receives values it can trust."""

import os
import re
from collections.abc import Mapping, Sequence
from datetime import date

from synews_cli.dates import DateFormatError, UserDate, counts_from_today, parse_user_date
from synews_cli.errors import UsageError
from synews_cli.text import closest, inert


class Choice:
    """One of a few words (or a word that stands for one of them), ignoring case; anything
    else names the choices and the closest of them."""

    def __init__(
        self,
        option: str,
        choices: Sequence[str],
        *,
        aliases: Mapping[str, str] | None = None,
        refusal: str = "is not one of {choices}",
        hint: str | None = None,
    ) -> None:
        self.option = option
        self.choices = tuple(choices)
        self.aliases = dict(aliases or {})  # folded word -> choice
        self.refusal = refusal
        self.hint = hint

    def __call__(self, value: str) -> str:
        if value in self.choices:
            return value
        folded = value.strip().casefold()
        found = self.aliases.get(folded, folded if folded in self.choices else None)
        if found is not None:
            return found
        refusal = self.refusal.format(choices=", ".join(self.choices))
        message = f"{self.option} {inert(value)!r} {refusal}"
        close = closest(folded, [*self.choices, *self.aliases])
        if close:
            message += f"; did you mean {self.aliases.get(close[0], close[0])}?"
        raise UsageError(message, hint=self.hint)


TODAY_VARIABLE = "SYNEWS_TODAY"


def cli_today(environ: Mapping[str, str] = os.environ) -> date:
    """The day relative dates (``yesterday``, ``last month``) count from: the clock's, or
    ``SYNEWS_TODAY`` (YYYY-MM-DD) for tests and reproducible runs. Read here, at the CLI's
    edge, and passed in: nothing below reads the clock."""
    fixed = environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return date.today()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", fixed, re.ASCII):
            return date.fromisoformat(fixed)
    except ValueError:
        pass
    raise UsageError(
        f"{TODAY_VARIABLE} {fixed!r} is not a day",
        hint=f"write it as YYYY-MM-DD, or unset {TODAY_VARIABLE} to use today's date",
    )


class DateOption:
    """A date as people type it, kept at the precision typed (dates.py, "Dates typed by
    users"); relative dates count from ``cli_today()``."""

    def __init__(self, option: str) -> None:
        self.option = option

    def __call__(self, value: str | UserDate) -> UserDate:
        if isinstance(value, UserDate):
            return value
        try:
            return parse_user_date(value, today=cli_today() if counts_from_today(value) else None)
        except DateFormatError as error:
            raise UsageError(f"{self.option}: {error}") from None


class NonEmpty:
    """A name or a filter value that must say something: an empty path (``-o ''``) would
    silently mean the current folder, and an empty filter (``--place ''``) match all or
    nothing depending on the filter."""

    def __init__(self, option: str, hint: str) -> None:
        self.option = option
        self.hint = hint

    def __call__(self, value: str) -> str:
        if not value.strip():
            raise UsageError(f"{self.option} is empty", hint=self.hint)
        return value

"""The one error tree of cohort, and the exit code each error maps to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes shared by every command (see docs/reference/exit-codes.md)."""

    OK = 0
    RUNTIME = 1  # GitHub or network failure
    CHANGES = 2  # only with --detailed-exitcode: the plan is not empty
    INVALID = 3  # the input (cohort file, flags, template) is invalid
    UNSAFE = 4  # the plan was refused by a safety valve
    INTERNAL = 70  # a bug in cohort: please report it
    INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int  # 1-based; 0 means "the file as a whole"
    column: int  # 1-based; 0 when line is 0
    path: str  # key path such as ``teams[3].mentors[0]``; "" for the whole file
    message: str
    hint: str = ""

    def location(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        # "cohort.yml:3:7 teams[0]: …", "issue #4 Level: …", but "cohort.yml: file not found"
        gap = ": " if self.line <= 0 and not self.path else " "
        return f"{self.location()}{gap}{where}{self.message}{tail}"


class CohortError(Exception):
    """Base of every error cohort raises on purpose."""

    exit_code: ExitCode = ExitCode.RUNTIME


class InvalidInput(CohortError):
    """The user's input is wrong; carries every problem found."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class UsageError(CohortError):
    """A flag or argument is wrong in a way click cannot see."""

    exit_code = ExitCode.INVALID


class UnsafePlanError(CohortError):
    """A safety valve refused the plan; the message gives the numbers and the flag."""

    exit_code = ExitCode.UNSAFE

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(reasons))


class GitHubError(CohortError):
    """GitHub (or the network on the way to it) failed.

    ``status`` is the HTTP status when GitHub answered (None for network failures and for
    answers cohort could not use); ``method`` and ``path`` name the request. Code decides on
    the type and these fields, never on the message text.
    """

    exit_code = ExitCode.RUNTIME

    def __init__(
        self, message: str, *, status: int | None = None, method: str = "", path: str = ""
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        self.message = message
        super().__init__(message)


class NotFoundError(GitHubError):
    """HTTP 404: the object does not exist (or the token may not see it)."""


class ForbiddenError(GitHubError):
    """HTTP 403: refused. Subclasses say why when GitHub tells."""


class MissingPermissionError(ForbiddenError):
    """HTTP 403: the token lacks a permission (``accepted``: what GitHub would accept)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = 403,
        method: str = "",
        path: str = "",
        accepted: str = "",
    ) -> None:
        super().__init__(message, status=status, method=method, path=path)
        self.accepted = accepted  # GitHub's X-Accepted-GitHub-Permissions header, if sent


class RateLimitedError(ForbiddenError):
    """GitHub kept refusing for rate limits (HTTP 403 or 429) after every allowed retry."""


class ConflictError(GitHubError):
    """HTTP 409: the object is in a state that refuses the request (e.g. an empty repository)."""


class UnprocessableError(GitHubError):
    """HTTP 422: validation failed; ``codes`` are GitHub's ``errors[].code`` values."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = 422,
        method: str = "",
        path: str = "",
        codes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, status=status, method=method, path=path)
        self.codes = codes

    @property
    def already_exists(self) -> bool:
        return "already_exists" in self.codes


class InvitationQuotaError(UnprocessableError):
    """HTTP 422: the organization sent as many invitations as GitHub allows in 24 hours."""


class OutcomeUnknownError(GitHubError):
    """A write may or may not have happened (timeout, lost response, 5xx)."""

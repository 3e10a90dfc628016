"""One errors module: named exceptions with a stable code, a message that says how to fix it,
and the exit code the CLI uses (documented in README, "Exit codes")."""

from __future__ import annotations


class CeasefireError(Exception):
    """Base of every error meant for a user. ``code`` is stable; ``exit_code`` is what the CLI returns."""

    code = "E000"
    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return f"[{self.code}] {text}"


class UsageError(CeasefireError):
    """Bad command-line arguments or options."""

    code = "E001"
    exit_code = 2


class InputFileError(CeasefireError):
    """A file cannot be read or parsed (missing, wrong format, bad encoding)."""

    code = "E100"
    exit_code = 3
    http_status = 422


class AgreementError(CeasefireError):
    """An agreement file is malformed or fails validation."""

    code = "E200"
    exit_code = 4
    http_status = 422


class UnknownAgreement(CeasefireError):
    code = "E201"
    exit_code = 4
    http_status = 404


class LexiconError(CeasefireError):
    """A lexicon or rule file is malformed."""

    code = "E300"
    exit_code = 5
    http_status = 422


class StoreError(CeasefireError):
    """The database cannot be opened, migrated or written."""

    code = "E400"
    exit_code = 6
    http_status = 500


class NotFound(CeasefireError):
    code = "E404"
    exit_code = 7
    http_status = 404


class PartialIngest(CeasefireError):
    """Some inputs were quarantined; the rest was accepted (exit code 10, see README)."""

    code = "E500"
    exit_code = 10


class PermissionDenied(CeasefireError):
    code = "E403"
    exit_code = 8
    http_status = 403


class NotAuthenticated(CeasefireError):
    """No valid session or API token: log in, or send ``Authorization: Bearer TOKEN``."""

    code = "E410"
    exit_code = 8
    http_status = 401


class CsrfRejected(CeasefireError):
    """A form post without the session's CSRF token (reload the page and submit again)."""

    code = "E411"
    exit_code = 8
    http_status = 403


class Conflict(CeasefireError):
    """The request clashes with what is stored (a user name already taken, …)."""

    code = "E412"
    exit_code = 9
    http_status = 409


class InvalidRequest(CeasefireError):
    """A request value is out of range or malformed (a review correction with an unknown type, …)."""

    code = "E413"
    exit_code = 2
    http_status = 422


class Unavailable(CeasefireError):
    """A part of the system this request needs is not installed or not ready (try again later)."""

    code = "E414"
    exit_code = 1
    http_status = 503


class TooManyAttempts(CeasefireError):
    """Too many failed logins for this user name or address; wait a few minutes and try again."""

    code = "E415"
    exit_code = 8
    http_status = 429

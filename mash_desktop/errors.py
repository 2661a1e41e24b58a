"""Errors the services raise for the GUI and CLI to show; a leaf module (imports nothing)."""

from __future__ import annotations


class ValidationError(ValueError):
    """User input broke a rule. ``errors`` maps a field name to a message for that field.

    A ValueError subclass so scripts that catch ValueError keep working. The GUI shows
    each message next to its field; the CLI prints them and exits non-zero.
    """

    def __init__(self, errors: dict[str, str] | str, field: str = "") -> None:
        if isinstance(errors, str):
            errors = {field: errors}
        self.errors: dict[str, str] = dict(errors)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "; ".join(
            f"{field.replace('_', ' ')}: {msg}" if field else msg
            for field, msg in self.errors.items()
        )


class NotFoundError(LookupError):
    """The record asked for does not exist (wrong ID, or deleted)."""


class PermissionDenied(PermissionError):
    """The signed-in user's role does not allow this action."""


class LoginError(PermissionDenied):
    """Wrong user or password, or the account is locked; the message is safe to show."""

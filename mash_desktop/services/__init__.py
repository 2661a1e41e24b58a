"""Service layer: every rule and every write goes through here (GUI and CLI alike)."""

from .errors import NotFoundError, PermissionDenied, ValidationError

__all__ = ["NotFoundError", "PermissionDenied", "ValidationError"]

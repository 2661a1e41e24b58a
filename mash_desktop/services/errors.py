"""The service layer's errors; they live in the leaf module :mod:`mash_desktop.errors`.

Re-exported here because callers have always caught them from the services. The leaf
keeps layers apart: the database layer and the GUI's start-up path raise or catch them
without importing any service.
"""

from __future__ import annotations

from ..errors import LoginError, NotFoundError, PermissionDenied, ValidationError

__all__ = ["LoginError", "NotFoundError", "PermissionDenied", "ValidationError"]

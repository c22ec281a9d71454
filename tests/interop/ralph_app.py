"""Ralph's LRS application, with its file-system backend appending to its statements file.

Ralph's FS LRS backend (5.1.0, and the versions before it) writes every POST with the file
backend's default operation, `create`, which refuses the second POST once `fs_lrs.jsonl`
exists ("already exists and overwrite is not allowed with operation_type create"): the
backend is meant for development and ships set up for one write. `append` is the operation
that backend supports for adding records, so it is set here before the app is imported.
Everything else (routes, validation, duplicate handling, queries) is Ralph's own.
"""

from __future__ import annotations

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402

__all__ = ["app"]

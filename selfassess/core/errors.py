"""One exception family for everything a user can get wrong, each carrying path, line and a message."""

from __future__ import annotations

import os


class SelfAssessError(Exception):
    """A problem fit to show a user: ``path:line:column: message``."""

    #: exit status the CLI uses when this error stops a command (SPEC §5)
    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.column = column

    def location(self) -> str:
        parts = [self.path] if self.path else []
        if self.path and self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class FrameworkError(SelfAssessError):
    """A criteria framework (YAML) that cannot be used."""


class AssessmentError(SelfAssessError):
    """An assessment or review file that cannot be read."""


class SettingsError(SelfAssessError):
    """A ``selfassess.toml`` that cannot be used."""


class InvalidIdError(SelfAssessError):
    """A district id, period label or date of the wrong form."""


class WorkspaceNotFoundError(SelfAssessError):
    """No ``selfassess.toml`` here or above."""


class ConflictError(SelfAssessError):
    """The file on disk changed since it was loaded; saving would overwrite someone else's work."""


class LockedError(SelfAssessError):
    """Another live session holds the lock on this assessment."""


class GitError(SelfAssessError):
    """git is missing, or a revision or path does not exist in it."""


class InspectionError(SelfAssessError):
    """An inspection's findings file (``inspections/<id>.yaml``) that cannot be used."""

"""Errors the library raises on purpose; the CLI turns them into one line and exit code 2.

Anything else that escapes a command is a bug: the CLI prints one line naming
the stage (and the file, when one was being read) and exits with
:data:`EXIT_INTERNAL`, so CI never mistakes a crash for "findings found" (1).
"""

from __future__ import annotations

#: Exit code of a command that stopped on an unexpected exception (0: clean, 1: findings, 2: usage/input).
EXIT_INTERNAL = 3


class FactcheckError(Exception):
    """Base class: the message is a complete sentence a user can act on."""


class InputError(FactcheckError):
    """An input file or folder cannot be read or parsed."""


class ConfigError(FactcheckError):
    """The ``[tool.factcheck]`` table or a flag holds a bad value."""


class ModelError(FactcheckError):
    """A model (embedder, spaCy pipeline, scorer) is missing or cannot be loaded."""


class FactcheckWarning(UserWarning):
    """Something a user should know that does not stop the run (a cache left out, a row cut to a limit).

    The library raises it with :func:`warnings.warn`; the CLI prints each one as
    a single ``factcheck: warning: ...`` line on stderr.
    """


def note_file(exc: BaseException, path: str) -> None:
    """Record on an exception which input file was being processed when it was raised (first one wins)."""
    if getattr(exc, "factcheck_file", None) is None:
        try:
            exc.factcheck_file = path  # type: ignore[attr-defined]
        except (AttributeError, TypeError):  # an exception type without __dict__
            exc.add_note(f"factcheck file: {path}")


def file_of(exc: BaseException) -> str | None:
    """The input file recorded by :func:`note_file`, if any."""
    found = getattr(exc, "factcheck_file", None)
    if isinstance(found, str):
        return found
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, str) and note.startswith("factcheck file: "):
            return note.removeprefix("factcheck file: ")
    return None

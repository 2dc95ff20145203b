"""Errors the library raises on purpose; the CLI turns them into one line and exit code 2."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: the message is a complete sentence a user can act on."""


class InputError(FactcheckError):
    """An input file or folder cannot be read or parsed."""


class ConfigError(FactcheckError):
    """The ``[tool.factcheck]`` table or a flag holds a bad value."""


class ModelError(FactcheckError):
    """A model (embedder, spaCy pipeline, scorer) is missing or cannot be loaded."""

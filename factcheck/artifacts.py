"""Where the models the project ships live: ``models/`` in a checkout, ``factcheck/_models`` in a wheel."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
FOLDERS = (_HERE.parent / "models", _HERE / "_models")


def shipped_model(name: str) -> Path | None:
    """The shipped file ``name`` (e.g. ``aligner.json``), or None when it is not there."""
    for folder in FOLDERS:
        if (folder / name).is_file():
            return folder / name
    return None

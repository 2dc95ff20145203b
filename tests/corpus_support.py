"""A small corpus of several stories, written by the tests (no data set copied), and model-free backends."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.config import Config
from factcheck.embed import HashingEmbedder
from factcheck.pipeline import Backends

from .conftest import FIXTURES

#: Two more stories beside fixtures/story (the Old Mill Bridge): a fare rise and a flood.
STORIES: dict[str, list[str]] = {
    "fares": [
        "Bus fares in Lakeside rise to $3\n\nThe Lakeside transit board raised bus fares to $3 on Monday.\n"
        "Board chair Sam Ortiz said the fare rise pays for new buses.\nThe new bus fares start in May.\n",
        "Lakeside transit board raises bus fares to $3\n\n"
        "Lakeside bus fares rise to $3, the transit board said Monday.\n"
        "Sam Ortiz, the board chair, said new buses need the fare rise.\nThe bus fares change in May.\n",
        "Lakeside bus fares go up to $2.50\n\nThe Lakeside transit board set bus fares at $2.50 on Monday.\n"
        "Board chair Sam Ortiz said the bus fares rise in June.\n",
    ],
    "flood": [
        "Flood covers Greenvale farms\n\nThe Greenvale river flooded 40 farms on Sunday after heavy rain.\n"
        "Farmers in Greenvale moved cattle to higher ground.\n",
        "Greenvale river floods farms after rain\n\nHeavy rain flooded 40 farms along the Greenvale river on Sunday.\n"
        "Greenvale farmers moved their cattle to higher ground.\n",
    ],
}


def write_corpus(folder: Path) -> Path:
    """fixtures/story plus :data:`STORIES` as article files under ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted((FIXTURES / "story").iterdir()):
        shutil.copy(p, folder / p.name)
    for name, texts in STORIES.items():
        for i, text in enumerate(texts):
            (folder / f"{name}_{i}.txt").write_text(text, encoding="utf-8")
    return folder


def corpus_config(tmp_path: Path, **overrides: object) -> Config:
    """The settings of the pipeline tests, with story blocks linked for the hashing embedder."""
    base = Config(cache_dir=tmp_path / "cache", cluster_threshold=0.5, match_threshold=0.5, block_threshold=0.7)
    return base.merged(**overrides)


def fake_backends() -> Backends:
    return Backends(embedder=HashingEmbedder(), nlp=None)

"""Storyline: dated, source-cited timelines and summaries from many news articles."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.discovery import discover
    from storyline.model import Story
    from storyline.pipeline import build
    from storyline.settings import Settings
    from storyline.store import Store

__all__ = ["Settings", "Store", "Story", "build", "discover"]
__version__ = "0.1.0"

# The public names and the modules that define them, imported on first use: importing the
# package (or any of its modules, the command line's too) does not load spaCy and
# scikit-learn until something needs them.
_HOMES = {"Settings": "storyline.settings", "Store": "storyline.store", "Story": "storyline.model",
          "build": "storyline.pipeline", "discover": "storyline.discovery"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")

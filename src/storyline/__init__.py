"""Storyline: dated, source-cited timelines and summaries from many news articles."""

from storyline.discovery import discover
from storyline.model import Story
from storyline.pipeline import build
from storyline.settings import Settings
from storyline.store import Store

__all__ = ["Settings", "Store", "Story", "build", "discover"]
__version__ = "0.1.0"

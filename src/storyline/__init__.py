"""Storyline: dated, source-cited timelines and summaries from many news articles."""

from storyline.model import Story
from storyline.pipeline import build
from storyline.settings import Settings

__all__ = ["Settings", "Story", "build"]
__version__ = "0.1.0"

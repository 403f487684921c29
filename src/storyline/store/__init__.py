"""The embedded store: stories in one SQLite file, updated incrementally (`sqlite.py`)."""

from storyline.store.schema import StoreError
from storyline.store.search import SearchHit
from storyline.store.sqlite import AddResult, Store, StoryInfo

__all__ = ["AddResult", "SearchHit", "Store", "StoreError", "StoryInfo"]

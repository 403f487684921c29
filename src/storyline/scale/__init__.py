"""Engines that run the document stage elsewhere than in this process's pool."""

"""The web app and JSON API over a store (`app.py`), with its templates and static files."""

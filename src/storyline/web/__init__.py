"""The web app: ``storyline serve`` shows a database's stories in a browser."""

from storyline.web.app import create_app

__all__ = ["create_app"]

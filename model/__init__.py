"""Stakemap's model: entities, relationships, sources and citations, in pure Python.

Nothing in this package imports Qt; ``gui`` builds on it, never the reverse.
"""

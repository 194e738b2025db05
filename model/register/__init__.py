"""A register on disk: millions of BODS or FollowTheMoney statements, searched and walked in place.

``stakemap index`` fills a store (:func:`model.register.indexing.index_files`); the queries
(:func:`model.register.queries.search`, :func:`~model.register.queries.neighbourhood`) read it, and
:func:`model.register.piece.piece_document` turns a neighbourhood into a document whose facts cite
their statements. A store is a SQLite file, or a PostgreSQL database named by a
``postgresql://`` address (:func:`model.register.engine.connect`); both hold the same tables.
"""

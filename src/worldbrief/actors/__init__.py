"""Actors and other named entities: the curated actor list that ships with the package, and
their recognition in any English text (``recognize``), each entity with a stable id."""

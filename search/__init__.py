"""Searching the index: query parsing, matching, highlighting, facets, the engine."""

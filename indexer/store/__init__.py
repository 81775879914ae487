"""Storing: the schema, what a record becomes in the index, the segment writer and its merge
policy, where an index lives and how it is laid out, and the one-writer lock."""

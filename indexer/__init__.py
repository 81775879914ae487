"""Reading, parsing, analysing and indexing UN meeting records."""

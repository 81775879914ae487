"""Synchronising: which record files are new, changed or gone (scan, checksums, the plan), the
worker pool that reads and analyses them, and the writer that brings the index in step."""

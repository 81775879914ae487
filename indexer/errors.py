"""Errors a user can cause. Each carries one line that the CLI or web edge prints as-is."""


class RapporteurError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""


class UnreadableRecord(RapporteurError):
    """A record file that cannot be read or decoded (binary, empty, undecodable, missing)."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexLocked(RapporteurError):
    """Another process holds the index writer lock."""


class IndexMissing(RapporteurError):
    """No index exists at the given location."""


class SourceUnavailable(RapporteurError):
    """A folder given to index or watch has vanished, cannot be read, or is not the folder
    indexed before (another file system mounted there or unmounted, the folder replaced): a
    sync refuses to take that for the removal of its records, and writes nothing."""

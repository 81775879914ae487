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


class IndexDamaged(RapporteurError):
    """An index whose files cannot be read (cut short or overwritten: a disk fault, a copy broken
    off). Whoosh commits are not crash-proof; the record files are the data of record, and a
    rebuild writes the index anew from them. ``public`` is the message for a web page, which
    names no path on disk."""

    public = "The index cannot be read: it is damaged and must be rebuilt."

    def __init__(self, path, cause: BaseException):
        self.path = str(path)
        detail = str(cause).strip()[:120]
        self.cause = f"{type(cause).__name__}{': ' + detail if detail else ''}"
        super().__init__(f"the index at {self.path} is damaged and cannot be read ({self.cause}); rebuild it "
                         f"from the record files: rapporteur index --rebuild [PATH…]")


class BadSetting(RapporteurError):
    """An environment variable the user set to a value that cannot be used."""

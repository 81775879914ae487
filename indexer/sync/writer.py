"""Incremental sync of record files and folders into the index.

:func:`sync` brings the index in step with the given paths: it scans them (:mod:`.scan`),
makes a plan of what to do with each file (:mod:`.plan`), has the files to write read, parsed
and analysed (:mod:`.pool`) and writes them:

* files are compared by SHA-256 with what the index holds (read again only when their size,
  times or inode changed: :mod:`rapporteur.indexer.sync.checksums`): new files are added, changed
  files replaced, unchanged files skipped; records whose files are gone are removed;
* a record is written whole: its record document and all its paragraphs are deleted and
  added in the same Whoosh commit, and commits happen every :data:`BATCH_RECORDS` records
  (or :data:`BATCH_PARAGRAPHS` paragraphs),
  so a killed run leaves the records of earlier commits searchable and the next run
  completes the work;
* one writer at a time (:class:`~rapporteur.indexer.store.lock.WriterLock`);
* ``rebuild=True`` writes a fresh index beside the live one and swaps the ``CURRENT``
  pointer only when it is complete; a failed rebuild leaves the old index in place;
* a file that cannot be read or parsed is reported (path + reason) and skipped;
* a file is read once, and the checksum the index stores is that of the bytes parsed
  (:mod:`.pool`); a file that changes while it is read is read again or refused;
* nothing outside the paths given is read: a link that points outside them is refused with
  one line (:mod:`.scan`); a folder given that has vanished or cannot be read refuses the
  sync (:class:`~rapporteur.indexer.errors.SourceUnavailable`) instead of removing its
  records, and so does one that is not the folder indexed before (by device and inode, kept
  beside the index: :mod:`.folders`; a rebuild takes what is there now); the records under a
  subfolder that cannot be read are kept;
* the manifest beside a file (:mod:`rapporteur.indexer.read.manifest`) is applied to its record,
  and its row is part of the file's checksum (:mod:`.manifests`): a changed row rewrites that
  file's record, under its new key if the row changed its symbol or language. Each problem of
  a manifest is one line in :attr:`SyncReport.manifest_problems`.

:func:`import_records` writes records from a JSON Lines file (``rapporteur import``). Their
source is ``<absolute path of the file>#L<line>``: such records belong to their JSONL file.
Importing the file again replaces them (unchanged records are skipped, records no longer in
the file removed); a folder sync never removes them, and ``rebuild`` carries them over. An
imported record wins over a file that holds the same symbol and language: the sync leaves such
a file out, with a line naming both (:attr:`SyncReport.notices`), every run, ``rebuild`` too.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index

from rapporteur.indexer.sync.checksums import CACHE_NAME, ChecksumCache
from rapporteur.indexer.sync.folders import FOLDERS_NAME, FolderIdentities
from rapporteur.indexer.sync.manifests import Manifests
from rapporteur.indexer.sync.plan import UNCHANGED, UNREADABLE, Indexed, SyncPlan, make_plan, refuse_unavailable
from rapporteur.indexer.sync.scan import imported_source, is_imported, scan, source_label
from rapporteur.indexer.analysis.analyzers import ANALYSIS_VERSION
from rapporteur.indexer.delegations import assign_codes
from rapporteur.indexer.read.keys import scratch_table
from rapporteur.indexer.store.documents import record_documents, record_from_fields, record_key
from rapporteur.indexer.store import textstore
from rapporteur.indexer.errors import IndexDamaged
from rapporteur.indexer.store.locations import (
    INDEX_NAME, LOCK, Current, create_index, generation, new_index_id, open_index, open_searcher, read_current,
    write_current,
)
from rapporteur.indexer.store.lock import DEFAULT_TIMEOUT, WriterLock
from rapporteur.indexer.store.merging import merge_small_segments
from rapporteur.indexer.sync.pool import Prepared, prepared
from rapporteur.indexer.store.schema import PARA, RECORD
from rapporteur.indexer.store.segwriter import BulkSegmentWriter

# Commit after BATCH_RECORDS records, BATCH_PARAGRAPHS paragraphs or BATCH_SECONDS, whichever
# comes first. Each commit writes a segment: commits by count (not every few seconds) give a
# bulk load a few large segments instead of many small ones that Whoosh then merges again and
# again (that was 44% of indexing time at 5 s). Records average ~90 paragraphs, so a bulk load
# commits by paragraphs: ~50 segments at 1M paragraphs, and the writer's memory stays bounded by
# one batch.
BATCH_RECORDS = 250
BATCH_PARAGRAPHS = 20_000
BATCH_SECONDS = 60.0
WRITER_LIMIT_MB = 128
# An import commits by paragraphs and text, not by records: its records are often small (a
# statement of one paragraph), and a commit of 250 of them wrote a segment (and merged) for
# every 500 documents: 145 records a second on 20,000 one-paragraph records, 490 with 5,000.
# A few large records commit by characters: the writer's postings grow with the text.
IMPORT_BATCH_RECORDS = 5_000
IMPORT_BATCH_CHARS = 8 * 1024 * 1024

Progress = Callable[[str, str, str | None], None]  # (status, path, detail)


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[str] = field(default_factory=list)
    manifest_problems: list[str] = field(default_factory=list)  # "records.csv:4: reason", for the user
    notices: list[str] = field(default_factory=list)  # for the user: files left out for an imported record
    seconds: float = 0.0
    generation: int = -1
    chars: int = 0  # characters of paragraph text written
    stale_lock_pid: int | None = None

    def count(self, status: str) -> None:
        """Count one record as ``added``, ``updated``, ``removed`` or ``unchanged``."""
        if status == "added":
            self.added += 1
        elif status == "updated":
            self.updated += 1
        elif status == "removed":
            self.removed += 1
        elif status == "unchanged":
            self.unchanged += 1
        else:
            raise ValueError(f"not a record status: {status!r}")

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, removed {self.removed}, "
                f"failed {len(self.failed)} in {self.seconds:.1f}s")


class _Index:
    """The live (or, in a rebuild, the new) Whoosh index and its batching writer."""

    def __init__(self, index_dir: Path, rebuild: bool, batch_records: int = BATCH_RECORDS,
                 batch_chars: int | None = None):
        self.index_dir = index_dir
        self.batch_records, self.batch_chars = batch_records, batch_chars
        cur = read_current(index_dir)
        self.old = cur
        if cur is not None and not rebuild and whoosh_index.exists_in(index_dir / cur.dir, INDEX_NAME):
            self.current = cur
            self.ix = open_index(index_dir / cur.dir)
        else:
            base = generation(index_dir) + 1 if cur is not None else 0
            self.current = Current(dir=_fresh_dir_name(index_dir), base=base, analysis=ANALYSIS_VERSION,
                                   id=new_index_id())  # a new folder is a new index: readers see the change
            path = index_dir / self.current.dir
            path.mkdir(parents=True)
            self.ix = create_index(path)
            if cur is None:  # first index here: it is live as soon as it exists
                write_current(index_dir, self.current)
        self.writer = None
        self.pending = self.pending_docs = self.pending_chars = 0
        self.last_commit = time.monotonic()

    def state(self) -> dict[str, Indexed]:
        """``source → Indexed(rkey, checksum)`` for every record in the index."""
        return _records(self.ix, self.index_dir / self.current.dir)

    def _w(self):
        if self.writer is None:
            self.writer = BulkSegmentWriter(self.ix, limitmb=WRITER_LIMIT_MB)
            self.writer.mergetype = merge_small_segments  # never Whoosh's merge of everything
        return self.writer

    def delete(self, rkey: str) -> None:
        self._w().delete_by_term("rkey", rkey)

    def add(self, docs: list, analysed: bool = False, chars: int = 0) -> None:
        """Add one record's documents (field dicts, or :func:`~rapporteur.indexer.store.segwriter.analyse_document`
        lists when ``analysed``), ``chars`` characters of text; commits by the batch limits."""
        w = self._w()
        for doc in docs:
            if analysed:
                w.add_analysed(doc)
            else:
                w.add_document(**doc)
        self.pending += 1
        self.pending_docs += len(docs)
        self.pending_chars += chars
        if (self.pending >= self.batch_records or self.pending_docs >= BATCH_PARAGRAPHS
                or (self.batch_chars is not None and self.pending_chars >= self.batch_chars)
                or time.monotonic() - self.last_commit >= BATCH_SECONDS):
            self.commit()

    def commit(self) -> None:
        if self.writer is not None:
            self.writer.commit()
            self.writer = None
            self.pending = self.pending_docs = self.pending_chars = 0
        self.last_commit = time.monotonic()

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None

    def close(self) -> None:
        self.ix.close()


@contextmanager
def _session(ix: _Index):
    """Commit what the block wrote and close; on any error or interrupt cancel the
    uncommitted batch, close and re-raise: earlier commits stay, the next run completes."""
    try:
        yield ix
        ix.commit()
    except BaseException:
        ix.cancel()
        ix.close()
        raise
    ix.close()


def _records(ix, path: Path) -> dict[str, Indexed]:
    out = {}
    with open_searcher(ix, path) as s:
        for fields in s.documents(kind=RECORD):
            out[fields["source"]] = Indexed(fields["rkey"], fields.get("checksum"))
    return out


def _live_records(index_dir: Path, cur: Current | None, rebuilding: SyncReport | None = None) -> dict[str, Indexed] | None:
    """``source → Indexed`` of the live index (empty when there is none). A damaged live index
    raises :class:`~rapporteur.indexer.errors.IndexDamaged`, unless ``rebuilding`` (the report of
    a rebuild, which is the way out of it): then None, with a warning."""
    if cur is None or not whoosh_index.exists_in(str(index_dir / cur.dir), INDEX_NAME):
        return {}
    try:
        ix = open_index(index_dir / cur.dir)
        try:
            return _records(ix, index_dir / cur.dir)
        finally:
            ix.close()
    except IndexDamaged as err:
        if rebuilding is None:
            raise
        rebuilding.notices.append(f"the index at {err.path} was damaged ({err.cause}): rebuilt from the paths "
                                  f"given; the records it held from imports could not be carried over (import "
                                  f"their files again)")
        return None


def _fresh_dir_name(index_dir: Path) -> str:
    nums = [int(p.name[3:]) for p in index_dir.glob("ix-*") if p.name[3:].isdigit()]
    return f"ix-{max(nums, default=-1) + 1}"


def _remove_unused_dirs(index_dir: Path, keep: set[str]) -> None:
    for p in index_dir.glob("ix-*"):
        if p.name not in keep and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


def sync(index_dir, paths, *, rebuild: bool = False, parse=None, progress: Progress | None = None,
         lock_timeout: float = DEFAULT_TIMEOUT, on_wait=None, on_stale=None,
         workers: int | None = None) -> SyncReport:
    """Bring the index at ``index_dir`` in step with ``paths`` (see the module doc).

    ``parse``: a function ``path → Record`` to use instead of the record parser; it runs in this
    process (a function of the caller's may not be importable in a worker).
    ``workers``: processes that read, parse and analyse files for the one writer (default
    :func:`~rapporteur.indexer.sync.pool.default_workers`: ``$RAPPORTEUR_WORKERS`` or the cores,
    capped); 1, a custom ``parse`` or fewer than :data:`~rapporteur.indexer.sync.pool.MIN_POOL_FILES`
    files to write keep everything in this process. The index written is the same either way.

    ``on_wait(pid)`` is called when another writer holds the lock, ``on_stale(pid)`` when the
    lock of a killed writer is taken over (see :class:`~rapporteur.indexer.store.lock.WriterLock`)."""
    t0 = time.perf_counter()
    index_dir = Path(index_dir)
    progress = progress or (lambda status, path, detail=None: None)
    report = SyncReport()
    with WriterLock(index_dir / LOCK, timeout=lock_timeout, on_wait=on_wait, on_stale=on_stale) as lock:
        report.stale_lock_pid = lock.stale_pid
        cur = read_current(index_dir)
        _remove_unused_dirs(index_dir, {cur.dir} if cur else set())  # leftovers of killed rebuilds
        found = scan(paths)
        # A rebuild takes the folders given as they are now; otherwise a folder that is not
        # the one indexed before (an unmounted disk's mount point, a folder replaced) is
        # refused as a vanished one.
        folders = FolderIdentities(index_dir / FOLDERS_NAME)
        changed = [] if rebuild else folders.changed(found)
        # What the live index holds: for a rebuild, the imported records it keeps; before
        # anything is written, whether a folder given has vanished with records in it.
        live = (_live_records(index_dir, cur, report if rebuild else None)
                if rebuild or found.missing or found.unreadable_roots or changed else None)
        carry = rebuild and live is not None  # a damaged live index has nothing to carry over
        refuse_unavailable(found, live or {}, changed)
        # An index written with an earlier analysis is written again, whole: every record it
        # holds is analysed anew from its stored fields, then the sync goes on as usual.
        reanalyse = not rebuild and cur is not None and cur.analysis < ANALYSIS_VERSION
        ix = _Index(index_dir, rebuild or reanalyse)
        sums = ChecksumCache(index_dir / CACHE_NAME)
        with _session(ix):
            if reanalyse:
                n = _carry(ix, index_dir / cur.dir, lambda src: True, progress)
                ix.commit()
                report.warnings.append(f"{index_dir}: written by an earlier version of the analysis "
                                       f"(version {cur.analysis}): its {n} records were analysed again")
            manifests = Manifests(found.roots)
            plan = make_plan(found, {} if rebuild else ix.state(), sums, manifests,
                             held=(live or {}) if rebuild else None, kept=folders.elsewhere(found.roots))
            report.manifest_problems = [str(p) for p in manifests.problems]
            _execute(ix, plan, parse, progress, report, workers, found.roots, sums)
            if carry and ix.old is not None:
                ix.commit()
                _carry(ix, index_dir / ix.old.dir, is_imported)
        sums.save()
        folders.save(found)
        if rebuild or reanalyse:
            write_current(index_dir, ix.current)
            _remove_unused_dirs(index_dir, {ix.current.dir} | ({ix.old.dir} if ix.old else set()))
        live = read_current(index_dir)
        if live is not None:  # derived files the search reads (rebuilt here when missing)
            textstore.complete(index_dir / live.dir, progress)
        report.generation = generation(index_dir)
    report.seconds = time.perf_counter() - t0
    return report


def _execute(ix: _Index, plan: SyncPlan, parse, progress, report: SyncReport, workers: int | None,
             roots=None, sums: ChecksumCache | None = None) -> None:
    """Carry out ``plan``: remove the records of gone files, then each file in order; the files
    to write are parsed (in a pool, analysed too) in the order :meth:`SyncPlan.jobs` gives them,
    each read inside ``roots``; ``sums`` remembers the checksums of the bytes parsed."""
    for path in plan.missing:
        _fail(report, progress, path, "no such file or folder")
    for path, reason in plan.refused:
        _fail(report, progress, path, reason)
    for folder, reason in plan.unreadable:
        _fail(report, progress, folder, f"cannot be read ({reason}); the records of the files below it are kept")
    progress("scanned", "", str(len(plan.steps)))
    for src, rec in plan.gone:
        ix.delete(rec.rkey)
        report.count("removed")
        progress("removed", src, None)
    claimed: dict[str, str] = {}  # record key → the scanned file that holds it
    results = prepared(plan.jobs(), parse, schema=ix.ix.schema, workers=workers, within=roots)
    try:
        for step in plan.steps:
            if step.action == UNREADABLE:
                _fail(report, progress, step.source, step.reason)
            elif step.action == UNCHANGED:
                claimed[step.indexed.rkey] = step.source
                report.count("unchanged")
                progress("unchanged", step.source, None)
            else:
                done = next(results)
                if _write_file(ix, plan, step, done, claimed, progress, report) and sums is not None:
                    sums.remember(step.path, done.identity, done.digest, done.read_ns)
    finally:
        results.close()


def _write_file(ix: _Index, plan: SyncPlan, step, record, claimed, progress, report: SyncReport) -> bool:
    """Write one parsed file (a :class:`~rapporteur.indexer.sync.pool.Prepared`), unless it failed,
    holds the same record as another scanned file, or one imported from a JSONL file (which
    wins). Returns whether it was written."""
    src = step.source
    if record.reason is not None:
        _fail(report, progress, src, record.reason)
        return False
    rkey = record_key(record.symbol, record.lang)
    moved = step.indexed is not None and step.indexed.rkey != rkey  # the file now holds another record
    imported = plan.imports.get(rkey)
    if imported:
        if moved:  # what the file held before goes; what it holds now is the import's
            ix.delete(step.indexed.rkey)
        report.notices.append(f"{src}: {record.symbol} ({record.lang}) is held by the import "
                              f"{source_label(imported)}; the file is not indexed")
        progress("held", src, imported)
        return False
    owner = claimed.get(rkey) or (plan.owners.get(rkey) if plan.scanned(plan.owners.get(rkey, "")) else None)
    if owner and owner != src:
        _fail(report, progress, src, f"same record ({record.symbol}, {record.lang}) as {owner}")
        return False
    claimed[rkey] = src
    if moved:  # the old one goes
        ix.delete(step.indexed.rkey)
    report.warnings.extend(record.warnings)
    _write_record(ix, record, src, record.checksum or step.checksum, step.indexed is not None, report, progress,
                  in_index=rkey in plan.owners)
    return True


def _write_record(ix: _Index, record, src: str, checksum: str, replaces: bool, report: SyncReport,
                  progress, in_index: bool = True) -> None:
    """Replace the record ``(symbol, lang)`` by ``record``'s documents, in one batch, and count it.
    ``record`` is a :class:`~rapporteur.indexer.model.Record` or a
    :class:`~rapporteur.indexer.sync.pool.Prepared` one.
    ``in_index``: the index held this record when the session began. A deletion looks the key
    up in every segment, so a record new to the index skips it (at 1M paragraphs, with many
    segments, that lookup was a large share of a bulk load)."""
    if isinstance(record, Prepared):
        prep, record = record, record.record
        if in_index:
            ix.delete(record_key(prep.symbol, prep.lang))
        if prep.analysed is not None:
            ix.add(prep.analysed, analysed=True, chars=prep.chars)
        else:
            ix.add(record_documents(record, src, checksum), chars=prep.chars)
        report.chars += prep.chars
    else:
        if in_index:
            ix.delete(record_key(record.symbol, record.lang))
        chars = sum(len(p.text or "") for p in record.paragraphs)
        ix.add(record_documents(record, src, checksum), chars=chars)
        report.chars += chars
    status = "updated" if replaces else "added"
    report.count(status)
    progress(status, src, None)


def _fail(report: SyncReport, progress, path: str, reason: str) -> None:
    report.failed.append((path, reason))
    progress("failed", path, reason)


def _carry(ix: _Index, old_dir: Path, wanted: Callable[[str], bool], progress=None) -> int:
    """Copy the records of the old index whose source is ``wanted`` into the new one, rebuilt
    from their stored fields and analysed anew, unless the new one already holds the same
    record: the imported records in a rebuild, every record when the analysis changed. In a
    rebuild no file has written an imported record's key (the plan leaves such files out:
    :attr:`~.plan.SyncPlan.imports`), so every imported record is carried.
    Returns how many were copied."""
    if not whoosh_index.exists_in(str(old_dir), INDEX_NAME):
        return 0
    have = {rec.rkey for rec in ix.state().values()}
    old = open_index(old_dir)
    copied = 0
    try:
        with open_searcher(old, old_dir) as s:
            heads = [h for h in s.documents(kind=RECORD) if wanted(h.get("source", "")) and h.get("rkey") not in have]
            if progress is not None:
                progress("reanalysing", str(old_dir), str(len(heads)))
            for head in heads:
                paras = [f for f in s.documents(rkey=head["rkey"]) if f.get("kind") == PARA]
                record = record_from_fields(head, paras)
                assign_codes(record)  # an index from before delegation codes gets them
                ix.add(record_documents(record, head.get("source", ""), head.get("checksum")))
                copied += 1
    finally:
        old.close()
    return copied


def record_checksum(record) -> str:
    """A checksum of a record's content, so that re-importing an unchanged line is skipped."""
    data = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def import_records(index_dir, jsonl_path, records, *, progress: Progress | None = None,
                   lock_timeout: float = DEFAULT_TIMEOUT, on_wait=None) -> SyncReport:
    """Write the validated ``(line, Record)`` of the JSONL file ``jsonl_path`` in one writer
    session, as ``records`` gives them: a list, or a stream of any length (the good lines of a
    :class:`~rapporteur.indexer.read.jsonl.JsonlReader`); nothing of a record is kept once it
    is written. Each record is written whole (its record document and paragraphs in the same
    commit); commits come every :data:`IMPORT_BATCH_RECORDS` records, :data:`BATCH_PARAGRAPHS`
    paragraphs or :data:`IMPORT_BATCH_CHARS` characters of text. Then the records this file
    imported before and no longer holds are removed.

    ``progress(status, source, detail)`` hears of each record (``added``, ``updated``,
    ``unchanged``, ``removed``) and of each warning as it happens (``warning``, the message as
    detail); without it, the warnings are kept in the report."""
    t0 = time.perf_counter()
    index_dir = Path(index_dir)
    report = SyncReport()
    if progress is None:
        def progress(status, path, detail=None):
            if status == "warning":
                report.warnings.append(detail)
    with WriterLock(index_dir / LOCK, timeout=lock_timeout, on_wait=on_wait) as lock:
        report.stale_lock_pid = lock.stale_pid
        ix = _Index(index_dir, rebuild=False, batch_records=IMPORT_BATCH_RECORDS, batch_chars=IMPORT_BATCH_CHARS)
        with _session(ix), closing(_Imported(ix, jsonl_path)) as imported:
            for line, record in records:
                _import_record(ix, imported, jsonl_path, line, record, report, progress)
            for rkey, line in imported.unseen():
                ix.delete(rkey)
                report.count("removed")
                progress("removed", imported_source(jsonl_path, line), None)
        report.generation = generation(index_dir)
    report.seconds = time.perf_counter() - t0
    return report


def _import_record(ix: _Index, imported: "_Imported", jsonl_path, line: int, record, report: SyncReport,
                   progress) -> None:
    """Write the record of ``line`` unless the index holds it from that line already, unchanged."""
    src = imported_source(jsonl_path, line)
    rkey, checksum = record_key(record.symbol, record.lang), record_checksum(record)
    held = imported.seen(rkey)
    if held is not None and held.line == line and held.checksum == checksum:
        report.count("unchanged")
        progress("unchanged", src, None)
        return
    if held is not None and held.source is not None:
        progress("warning", src, f"{src}: replaces {record.symbol} ({record.lang or 'unknown language'}) "
                                 f"indexed from {held.source}")
    _write_record(ix, record, src, checksum, held is not None, report, progress, in_index=held is not None)


@dataclass
class _Held:
    """A record the index held when an import began."""
    line: int | None  # the line of this JSONL file that imported it, or None when
    source: str | None  # another source holds it: that source
    checksum: str | None


class _Imported:
    """What an import needs to know of the index: for each record it held when the import
    began, which line of this JSONL file imported it (or which other source holds it) and its
    checksum, and whether the import has given it again. Kept on disk
    (:func:`~rapporteur.indexer.read.keys.scratch_table`), so that an index of a million records
    costs its page cache, not a million Python objects."""

    def __init__(self, ix: _Index, jsonl_path):
        prefix = str(Path(jsonl_path).resolve()) + "#L"
        self.db = scratch_table("line INTEGER, source TEXT, checksum TEXT, seen INTEGER NOT NULL DEFAULT 0")

        def rows(searcher):
            for fields in searcher.documents(kind=RECORD):
                src = fields["source"]
                if src.startswith(prefix) and is_imported(src):
                    yield fields["rkey"], int(src[len(prefix):]), None, fields.get("checksum")
                else:
                    yield fields["rkey"], None, src, fields.get("checksum")

        with open_searcher(ix.ix, ix.index_dir / ix.current.dir) as s:  # a damaged index: one line
            self.db.executemany("INSERT OR REPLACE INTO keys (key, line, source, checksum) VALUES (?, ?, ?, ?)", rows(s))

    def seen(self, rkey: str) -> _Held | None:
        """The record ``rkey`` as the index held it (None if it did not), marked as given again."""
        row = self.db.execute("SELECT line, source, checksum FROM keys WHERE key = ?", (rkey,)).fetchone()
        if row is None:
            return None
        self.db.execute("UPDATE keys SET seen = 1 WHERE key = ?", (rkey,))
        return _Held(*row)

    def unseen(self) -> list[tuple[str, int]]:
        """``(rkey, line)`` of the records this file imported before and has not given again."""
        return self.db.execute("SELECT key, line FROM keys WHERE line IS NOT NULL AND seen = 0 ORDER BY line").fetchall()

    def close(self) -> None:
        self.db.close()

"""Which segments a commit merges.

Each commit writes a segment. Whoosh's default policy (``MERGE_SMALL``) merges "every segment
up to a merge point" chosen by a Fibonacci rule: on a bulk load of ~20k-document segments the
rule fires at the 25th segment (about 500k paragraphs) and merges all of them at once, in the
writer's memory (measured: 8 GB and over ten minutes, still running). :func:`merge_small_segments`
merges only small segments (those of incremental updates and ``watch``), a bounded number of
documents at a time, so a commit's memory and time stay those of one batch; the large segments
of bulk loads are left as they are.
"""
from __future__ import annotations

from whoosh.reading import SegmentReader

# A segment under this many documents (paragraphs and record documents) counts as small.
SMALL_SEGMENT_DOCS = 5_000
# Small segments are merged once there are this many ...
MERGE_AT = 5
# ... at most this many documents in one merge.
MAX_MERGE_DOCS = 2 * SMALL_SEGMENT_DOCS


def merge_small_segments(writer, segments: list) -> list:
    """A Whoosh merge policy: add the smallest segments to ``writer`` (which writes them into
    its new segment) and return the segments to keep as they are."""
    small = sorted((s for s in segments if s.doc_count_all() < SMALL_SEGMENT_DOCS),
                   key=lambda s: s.doc_count_all())
    if len(small) < MERGE_AT:
        return segments
    chosen, total = [], 0
    for seg in small:
        if chosen and total + seg.doc_count_all() > MAX_MERGE_DOCS:
            break
        chosen.append(seg)
        total += seg.doc_count_all()
    if len(chosen) < 2:
        return segments
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    merged = {id(s) for s in chosen}
    return [s for s in segments if id(s) not in merged]

"""A Whoosh segment writer with a cheaper posting pool, for bulk indexing.

Whoosh's :class:`~whoosh.writing.SegmentWriter` puts every posting in a
``(field, term, docnum, weight, value)`` tuple, sorts all of them at commit (spilling sorted
runs to pickled temporary files once its size estimate passes ``limitmb``) and then reads
each posting's field length back from the segment's length column. Profiled on the bench
corpus that was about 40% of indexing.

:class:`BulkSegmentWriter` writes exactly the same segment (same terms, postings, weights,
values, field lengths; a test compares them), but:

* postings are grouped by ``(field, term)`` as they arrive, in compact arrays (documents
  arrive in docnum order, so each term's postings are already sorted); only the distinct
  terms are sorted at commit;
* the field length a posting's block statistics need is the one computed when the document
  was added (quantised as the length column stores it), not read back from disk;
* :meth:`BulkSegmentWriter.add_analysed` takes documents analysed elsewhere (a worker
  process: :func:`analyse_document`), so the writer process only files postings.
"""
from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

_EMPTY = b""


def _quantised(length: int) -> int:
    """The field length as Whoosh's length column gives it back (one byte, lossy)."""
    if not length:
        return 0
    return byte_to_length(length_to_byte(length))


class PostingTable:
    """Postings grouped by ``(fieldname, term bytes)``: docnums, weights, values, lengths.

    A length of -1 means "look it up in the segment" (postings copied from a merged
    segment through Whoosh's own :meth:`add`)."""

    def __init__(self):
        self.terms: dict[tuple[str, bytes], tuple[array, array, list, array]] = {}
        self.fieldnames: set[str] = set()
        self.unsorted: set[tuple[str, bytes]] = set()

    def add(self, item) -> None:
        """Whoosh's pool interface: ``(fieldname, tbytes, docnum, weight, vbytes)``."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self.fieldnames.add(fieldname)
        self.post(fieldname, tbytes, docnum, weight, vbytes, -1)

    def post(self, fieldname, tbytes, docnum, weight, vbytes, length) -> None:
        key = (fieldname, tbytes)
        entry = self.terms.get(key)
        if entry is None:
            entry = self.terms[key] = (array("q"), array("d"), [], array("q"))
        elif entry[0][-1] >= docnum:
            self.unsorted.add(key)
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(vbytes if vbytes is not None else _EMPTY)
        entry[3].append(length)

    def cleanup(self) -> None:
        self.terms = {}


class BulkSegmentWriter(SegmentWriter):
    """A :class:`~whoosh.writing.SegmentWriter` with a :class:`PostingTable` (see module doc)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = PostingTable()

    # ---- adding documents

    def add_document(self, **fields):
        """Like Whoosh's, for the fields this project uses (no vectors, no spelling fields)."""
        self.add_analysed(analyse_document(self.schema, fields))

    def add_analysed(self, doc) -> None:
        """Add a document analysed by :func:`analyse_document`:
        ``[(fieldname, stored value or None, length, column value or None, postings)]``."""
        self._check_state()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        post = self.pool.post
        perdocwriter.start_doc(docnum)
        try:
            for fieldname, stored, length, column, postings, scorable in doc:
                if postings:
                    plen = _quantised(length) if scorable else 0
                    for tbytes, weight, vbytes in postings:
                        post(fieldname, tbytes, docnum, weight, vbytes, plen)
                perdocwriter.add_field(fieldname, None, stored, length)
                if column is not None:
                    perdocwriter.add_column_value(fieldname, self.schema[fieldname].column_type, column)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    # ---- writing the segment

    def _flush_segment(self):
        self.perdocwriter.close()
        table = self.pool
        pdr = None
        fw = self.fieldwriter
        schema = self.schema
        lastfn = None
        for key in sorted(table.terms):
            fieldname, tbytes = key
            docs, weights, values, lengths = table.terms[key]
            if key in table.unsorted:
                order = sorted(range(len(docs)), key=docs.__getitem__)
                docs = [docs[i] for i in order]
                weights = [weights[i] for i in order]
                values = [values[i] for i in order]
                lengths = [lengths[i] for i in order]
            if fieldname != lastfn:
                if lastfn is not None:
                    fw.finish_field()
                fw.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
            fw.start_term(tbytes)
            add = fw.add
            for i in range(len(docs)):
                length = lengths[i]
                if length < 0:  # a merged segment's posting: its length is in the column
                    if pdr is None:
                        pdr = self.per_document_reader() if self.codec.length_stats else False
                    length = pdr.doc_field_length(docs[i], fieldname) if pdr else 0
                add(docs[i], weights[i], values[i], length)
            fw.finish_term()
        if lastfn is not None:
            fw.finish_field()
        fw.close()
        if pdr:
            pdr.close()


def analyse_document(schema, fields: dict) -> list:
    """A document as :meth:`BulkSegmentWriter.add_analysed` takes it; picklable, so a
    worker process can do the analysis (jieba, stemming, posting encoding).

    Each field: ``(fieldname, stored value, length, column value, postings, scorable)`` with
    postings ``[(term bytes, weight, value bytes)]``, in Whoosh's order (sorted field names),
    computed as :meth:`whoosh.writing.SegmentWriter.add_document` computes them."""
    out = []
    for fieldname in sorted(name for name in fields if not name.startswith("_")):
        value = fields[fieldname]
        if value is None:
            continue
        if fieldname not in schema:
            from whoosh.fields import UnknownFieldError

            raise UnknownFieldError(f"No field named {fieldname!r} in {schema}")
        field = schema[fieldname]
        length = 0
        postings = None
        scorable = False
        if field.indexed:
            scorable = field.scorable
            postings = []
            boostkw = "_%s_boost" % fieldname  # as Whoosh: a field boost replaces the document's
            boost = float(fields[boostkw]) if boostkw in fields else float(fields.get("_boost", 1.0))
            for tbytes, freq, weight, vbytes in field.index(value):
                if scorable:
                    length += freq
                postings.append((tbytes, weight * boost, vbytes))
        if field.vector or field.separate_spelling():
            raise ValueError(f"field {fieldname!r}: vectors and spelling fields are not supported here")
        customval = fields.get("_stored_%s" % fieldname, value)
        stored = customval if field.stored else None
        column = None
        if field.column_type and customval is not None:
            column = field.to_column_value(customval)
        out.append((fieldname, stored, length, column, postings, scorable))
    return out

"""Record ⇄ Whoosh documents: what one record becomes in the index, and back.

A record becomes one ``record`` document (its header as JSON, source and checksum) and one
``para`` document per paragraph (metadata, normalised text, word boundaries, and the same
text for the word field of the record's language and the bigram field).
"""
from __future__ import annotations

import json
import struct
from array import array

from rapporteur.indexer.analysis.segmentation import segmented, word_boundaries
from rapporteur.indexer.model import Paragraph, Record, paragraph_id
from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.store.schema import BIGRAMS, PARA, RECORD, text_field


def record_key(symbol: str | None, lang: str | None) -> str:
    """The unique key of a record: ``symbol:lang`` (UN symbols never contain a colon)."""
    return f"{symbol or ''}:{lang or ''}"


_SPANS_V2, _SPANS_V2_PADDED = 1, 2  # first byte of the compact encoding


def encode_spans(spans: list[tuple[int, int]]) -> bytes:
    """Word boundaries, compactly: per word the gap since the previous word's end and its
    length, one byte each (``255`` then two little-endian uint32 when either is larger).
    About 2 bytes a word instead of 8. The result's length is never a multiple of 8, which
    tells it from the earlier encoding (uint32 pairs) that older indexes hold."""
    out = bytearray((_SPANS_V2,))
    prev = 0
    for start, end in spans:
        gap, length = start - prev, end - start
        if 0 <= gap < 255 and 0 <= length < 255:
            out += bytes((gap, length))
        else:
            out.append(255)
            out += struct.pack("<II", start, end)
        prev = end
    if len(out) % 8 == 0:
        out[0] = _SPANS_V2_PADDED
        out.append(0)
    return bytes(out)


def decode_spans(data: bytes | None) -> list[tuple[int, int]]:
    if not data:
        return []
    if len(data) % 8 == 0:  # uint32 (start, end) pairs, as indexes before the compact form
        flat = array("I")
        flat.frombytes(data)
        return list(zip(flat[0::2], flat[1::2]))
    n = len(data) - (1 if data[0] == _SPANS_V2_PADDED else 0)
    out = []
    prev = 0
    i = 1
    while i < n:
        gap = data[i]
        if gap == 255:
            start, end = struct.unpack_from("<II", data, i + 1)
            i += 9
        else:
            start = prev + gap
            end = start + data[i + 1]
            i += 2
        out.append((start, end))
        prev = end
    return out


def _present(doc: dict) -> dict:
    """Whoosh wants no ``None`` values: a missing value is simply absent."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def record_documents(record: Record, source: str, checksum: str) -> list[dict]:
    """The Whoosh documents for ``record`` (the record document first)."""
    rkey = record_key(record.symbol, record.lang)
    header = record.header_dict()
    header["source"] = header.get("source") or source
    header["checksum"] = header.get("checksum") or checksum
    docs = [_present({
        "kind": RECORD, "id": f"record:{rkey}", "rkey": rkey, "source": source, "checksum": checksum,
        "symbol": record.symbol, "lang": record.lang, "body": record.body, "date": record.date,
        "meeting": record.meeting, "record_json": json.dumps(header, ensure_ascii=False),
    })]
    field = text_field(record.lang)
    for p in record.paragraphs:
        text = normalize_text(p.text or "")
        words = segmented(text)  # jieba runs once: word boundaries and word-field tokens
        docs.append(_present({
            "kind": PARA, "id": paragraph_id(record.symbol, record.lang, p.n), "rkey": rkey,
            "symbol": record.symbol, "lang": record.lang, "n": p.n,
            "speaker": p.speaker, "honorific": p.honorific, "delegation": p.delegation,
            "delegation_code": p.delegation_code, "spoke_in": p.spoke_in,
            "role": p.role, "section": p.section, "body": record.body, "meeting": record.meeting,
            "date": record.date, "text": text,
            "spans": encode_spans(word_boundaries(words.spans)),
            field: words, BIGRAMS: text,
            "speaker_words": p.speaker, "delegation_words": p.delegation, "section_words": p.section,
        }))
    return docs


def paragraph_from_fields(fields: dict) -> Paragraph:
    return Paragraph(
        n=fields.get("n"), text=fields.get("text", ""), speaker=fields.get("speaker"),
        honorific=fields.get("honorific"), delegation=fields.get("delegation"),
        role=fields.get("role"), section=fields.get("section"),
        delegation_code=fields.get("delegation_code"), spoke_in=fields.get("spoke_in"),
    )


def record_from_fields(record_fields: dict, paragraph_fields: list[dict]) -> Record:
    """Rebuild a :class:`Record` from its stored record document and paragraph documents."""
    rec = Record.from_dict({"record": json.loads(record_fields["record_json"])})
    rec.paragraphs = [paragraph_from_fields(f) for f in sorted(paragraph_fields, key=lambda f: f.get("n") or 0)]
    return rec

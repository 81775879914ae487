"""The stored word boundaries: compact encoding round-trips; the older uint32 form still reads."""
from __future__ import annotations

import random
from array import array

from rapporteur.indexer.store.documents import decode_spans, encode_spans


def test_spans_round_trip_and_old_encoding_still_reads():
    rng = random.Random(1)
    for _ in range(5000):
        spans, pos = [], 0
        for _ in range(rng.randint(0, 40)):
            pos += rng.choice([0, 0, 1, 2, 300, 70000])
            length = rng.choice([1, 2, 3, 254, 255, 100000])
            spans.append((pos, pos + length))
            pos += length
        data = encode_spans(spans)
        assert len(data) % 8 and decode_spans(data) == spans
        old = array("I", [x for span in spans for x in span]).tobytes()
        assert decode_spans(old) == spans
    # About 2 bytes a word for ordinary text instead of 8.
    words = [(i * 2, i * 2 + 2) for i in range(200)]
    assert len(encode_spans(words)) <= 2 * len(words) + 2

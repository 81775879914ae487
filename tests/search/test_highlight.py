"""Marks and snippets from stored text and word spans."""
from __future__ import annotations

from rapporteur.indexer.analysis.segmentation import word_boundaries, word_spans
from rapporteur.search.highlight import find_marks, sentences, snippet


def spans_of(text):
    return word_boundaries(word_spans(text, "index"))


def test_substring_inside_word_marks_whole_word():
    text = "德国推出的威斯巴登进程汇集了监管机构。"
    marks = find_marks(text, spans_of(text), ["巴登"])
    assert [text[s:e] for s, e in marks] == ["威斯巴登进程"]


def test_one_letter_latin_only_standalone():
    text = "Document S/AC.44/SR.74 says a lot about Sison."
    marks = find_marks(text, spans_of(text), ["s"])
    assert [text[s:e] for s, e in marks] == ["S"] and marks[0][0] == text.index("S/")


def test_everything_else_escaped():
    text = "<b>出口管制</b> & \"引号\""
    html = snippet(text, find_marks(text, spans_of(text), ["出口管制"]))
    assert html == "&lt;b&gt;<mark>出口管制</mark>&lt;/b&gt; &amp; \"引号\""


def test_matches_beyond_32k_characters():
    text = "无关的话。" * 8000 + "这里谈出口管制。"
    assert len(text) > 32768
    marks = find_marks(text, spans_of(text), ["出口管制"])
    assert [text[s:e] for s, e in marks] == ["出口管制"]
    html = snippet(text, marks)
    assert "<mark>出口管制</mark>" in html and html.startswith("…")


def test_snippet_cut_at_sentence_boundaries():
    text = "第一句很长很长很长。" * 30 + "第二句谈到外联!第三句;" + "其他内容。" * 40
    html = snippet(text, find_marks(text, spans_of(text), ["外联"]), limit=60)
    body = html.strip("…")
    assert "<mark>外联</mark>" in body
    assert body.endswith(("。", "!", ";")) and len(body) < 120


def test_sentences_keep_dots_inside_symbols():
    text = "See S/AC.44/SR.74 now. Next one"
    assert [text[a:b] for a, b in sentences(text)] == ["See S/AC.44/SR.74 now.", " Next one"]

"""Parse quality: the findings ``assess`` reads from parsed records written in the UN style."""
from rapporteur.indexer.parse import parse_text
from rapporteur.indexer.parse.quality import (LONG_PARAGRAPH, InsideOpening, Unreadable, assess, totals,
                                              worst_first)
from tests.support.records import (QUALITY_LONG_SENTENCE, QUALITY_PV_EN, QUALITY_SR_EN, QUALITY_SR_ZH,
                                   QUALITY_SYMBOL, file_name)


def _sr_en():
    return assess(parse_text(QUALITY_SR_EN, source=file_name(QUALITY_SYMBOL, "en")))


def test_summary_record_findings():
    r = _sr_en()
    assert (r.symbol, r.lang, r.kind, r.date) == ("A/AC.999/SR.12", "en", "SR", "2025-03-03")
    assert (r.paragraphs, r.speakers) == (5, 3)  # Mansour, Zorg, the Chair (Niang)
    assert r.uncoded == {"Atlantis": 1}
    assert (r.no_speaker, r.role_only) == ([5], 0)  # 1 is procedural: "The agenda was adopted."
    assert [(s.n, s.reasons) for s in r.suspicious] == [(2, ["speaker opening inside"]), (4, ["long"])]
    opening = r.suspicious[0].openings
    assert opening == [InsideOpening(opening[0].at, "Ms. Kim (Republic of Korea) said")]
    assert r.suspicious[1].chars > LONG_PARAGRAPH
    assert (r.warnings, r.flagged, r.problems) == ([], 4, 4)


def test_a_bare_role_inside_a_summary_paragraph_needs_the_records_verb():
    """'The Chair of the working group had…' starts sentences of paragraph 4: no opening inside;
    'The Chair said' would be one, as in the Chinese record below."""
    r = _sr_en()
    assert QUALITY_LONG_SENTENCE.startswith("The Chair")
    assert all(not s.openings for s in r.suspicious if s.n == 4)


def test_chinese_summary_record_swallowed_chair():
    r = assess(parse_text(QUALITY_SR_ZH, source="S_AC.44_SR.5.zh.txt"))
    assert (r.lang, r.kind, r.paragraphs, r.uncoded, r.no_speaker) == ("zh", "SR", 3, {}, [])
    assert [(s.n, [o.text for o in s.openings]) for s in r.suspicious] == [(1, ["主席说"])]


def test_verbatim_record_findings():
    r = assess(parse_text(QUALITY_PV_EN, source="S_PV.9999.txt"))
    assert (r.symbol, r.kind, r.date, r.paragraphs, r.speakers) == ("S/PV.9999", "PV", None, 3, 2)
    assert (r.no_speaker, r.role_only) == ([1, 3], 2)  # the President, unnamed without a cover page
    assert [(s.n, [o.text for o in s.openings]) for s in r.suspicious] == [(2, ["Ms. Smith (United Kingdom):"])]
    assert (r.flagged, r.problems) == (1, 2)  # the unnamed President is one problem, not two


def test_an_unrecognised_layout_is_a_warning_and_speakerless_paragraphs():
    r = assess(parse_text("First block of text.\n\nSecond block of text.", source="notes.txt"))
    assert r.kind is None and r.no_speaker == [1, 2] and len(r.warnings) == 1
    assert r.problems == 3


def test_totals_and_worst_first():
    sr = _sr_en()
    pv = assess(parse_text(QUALITY_PV_EN, source="S_PV.9999.txt"))
    bad = Unreadable("broken.pdf", "malformed PDF")
    t = totals([pv, bad, sr])
    assert (t.files, t.unreadable, t.with_problems, t.paragraphs, t.flagged) == (2, 1, 2, 8, 5)
    assert (t.no_speaker, t.role_only, t.uncoded_paragraphs, t.long, t.openings_inside) == (3, 2, 1, 1, 2)
    assert (t.warnings, t.no_date, dict(t.kinds)) == (0, 1, {"PV": 1, "SR": 1})
    assert worst_first([pv, sr, bad]) == [bad, sr, pv]

"""Parsing the query language, and its graceful degradation."""
from __future__ import annotations

from rapporteur.search.parse import MAX_QUERY_CHARS, MAX_TERMS, QTerm, parse_query


def test_terms_phrases_exclusions_or_filters():
    p = parse_query('威斯巴登进程 "出口 管制" -德国 核 OR 生物 speaker:Anton delegation:"德国" date:2016-01..2016-12')
    assert p.groups == [[QTerm("威斯巴登进程")], [QTerm("出口管制", True)], [QTerm("核"), QTerm("生物")]]
    assert p.excluded == [QTerm("德国")]
    assert p.filters == {"speaker": ["Anton"], "delegation": ["德国"]}
    assert p.dates == [("2016-01", "2016-12")] and p.notice is None


def test_spaces_separate_chinese_terms():
    assert [t.text for t in parse_query("出口管制 核").positive_terms()] == ["出口管制", "核"]


def test_normalised_and_folded():
    p = parse_query("出口管製 ＡＢＣ")
    assert [t.text for t in p.positive_terms()] == ["出口管制", "abc"]


def test_degrades_with_notice():
    for q in ['"出口管制', "foo:bar", "speaker:", "date:2016-99"]:
        p = parse_query(q)
        assert p.notice, q
    assert [t.text for t in parse_query('"出口管制').positive_terms()] == ["出口管制"]


def test_notices_are_codes_with_parameters():
    """The parser says what it did as codes (an interface words them in its own language);
    the English text is derived from the code and its parameters."""
    p = parse_query('"出口管制 foo:bar speaker: date:2016-99')
    codes = [(n.code, dict(n.params)) for n in p.notices]
    assert codes == [("unbalanced_quote", {}), ("unknown_field", {"field": "foo"}), ("stray_colon", {"value": "foo:bar"}),
                     ("stray_colon", {"value": "speaker:"}), ("bad_date", {"value": "2016-99"})]
    assert p.notice == " ".join(n.text for n in p.notices)
    assert "'foo:'" in p.notices[1].text and p.notices[1].to_dict() == {
        "code": "unknown_field", "params": {"field": "foo"}, "text": p.notices[1].text}
    assert parse_query("德国").notices == [] and parse_query("德国").notice is None


def test_bounds():
    p = parse_query(" ".join(f"w{i}" for i in range(1000)))  # long plain words: a passage, cut
    assert p.passage is not None and len(p.passage) <= MAX_QUERY_CHARS and "cut" in p.notice
    assert len(parse_query("x" * 10_000_000).positive_terms()[0].text) <= MAX_QUERY_CHARS
    p = parse_query(" OR ".join(f'"w{i}"' for i in range(5)) + " " + " ".join(f"-x{i}" for i in range(200)))
    assert p.passage is not None  # long: quotes, OR and dashes are a pasted text's punctuation
    p = parse_query(" ".join(f'"w{i}"' for i in range(MAX_TERMS + 5))[:200])
    assert p.passage is not None


def test_query_words_are_precise_mode():
    assert QTerm("威斯巴登进程").words() == ["威斯巴登进程"]
    assert QTerm("s/ac.44/sr.74").words() == ["s/ac.44/sr.74"]


def test_negated_date_is_refused_with_a_notice_not_read_as_the_range():
    p = parse_query("德国 -date:2016")
    assert p.dates == []
    assert [(n.code, dict(n.params)) for n in p.notices] == [("negated_date", {"value": "2016"})]

"""A second Chinese summary record, written for the tests in the UN style with other quirks:
full-width punctuation, no space before 先生, a female chair, a procedural paragraph, a lost
number, a wrapped paragraph, a mid-word page break and an acting chair."""
import pytest

from rapporteur.indexer.parse import parse_file
from tests.support.paths import FIXTURES, shared_path


@pytest.fixture(scope="module")
def record():
    return parse_file(FIXTURES / "A_C.1_71_SR.9.zh.txt")


def test_header(record):
    assert record.symbol == "A/C.1/71/SR.9"
    assert (record.lang, record.original_lang) == ("zh", "fr")
    assert (record.body, record.meeting, record.date) == ("第一委员会", 9, "2016-10-12")
    assert (record.opened, record.closed) == ("10:05", "12:55")
    assert (record.chair, record.chair_delegation) == ("鲍兹加尔", "阿尔及利亚")
    assert record.agenda == ["议程项目 89 至 105(续)", "关于所有裁军和国际安全议程项目的一般性辩论"]


def test_paragraphs(record):
    got = [(p.n, p.speaker, p.delegation, p.role) for p in record.paragraphs]
    assert got == [
        (1, "Dupont", "法国", None),
        (2, "Dupont", "法国", None),
        (3, "Müller-Schmidt", "奥地利", "观察员"),
        (4, None, None, None),  # procedural: suspension, no speaker
        (5, "鲍兹加尔", "阿尔及利亚", "主席"),
        (6, "王群", "中国", None),
        (7, "王群", "中国", None),
        (8, "García López", "墨西哥", "代理主席,以本国代表的身份"),
    ]


def test_wrapped_and_broken_paragraphs_joined(record):
    paras = {p.n: p.text for p in record.paragraphs}
    assert paras[1].endswith("并呼吁所有国家加入该条约。法国认为,核裁军必须循序渐进。")
    assert "共同维护外空的和平与安全,反对外空武器化" in paras[6]
    assert "17-12345" not in paras[6]
    assert paras[3].startswith("Müller-Schmidt 女士(奥地利观察员)说,奥地利一贯主张全面禁止核武器,并支持")


def test_section(record):
    assert {p.section for p in record.paragraphs} == {"关于所有裁军和国际安全议程项目的一般性辩论"}


def test_palestine_record_one_sentence_per_line():
    """The real A/AC.183/SR.413 (Chinese): numbers survive on paragraphs 1–3 only."""
    rec = parse_file(shared_path("zh-en-summary-record", "A_AC.183_SR.413.zh.txt"))
    assert rec.symbol == "A/AC.183/SR.413"
    assert (rec.meeting, rec.date, rec.chair, rec.chair_delegation) == (413, "2023-08-30", "尼昂", "塞内加尔")
    paras = {p.n: p for p in rec.paragraphs}
    assert paras[1].text == "议程通过。" and paras[1].speaker is None
    assert (paras[2].speaker, paras[2].delegation, paras[2].role) == ("Mansour", "巴勒斯坦国", "观察员")
    assert paras[3].speaker == "Mansour"
    speakers = [p.speaker for p in rec.paragraphs]
    assert speakers.index("Elshandawily") > 3
    assert "Pedroso Cuesta" in speakers and "Lynk" in speakers
    assert [p.n for p in rec.paragraphs] == list(range(1, len(rec.paragraphs) + 1))

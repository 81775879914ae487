"""Summary records of the kinds the parser had not met, written for the tests in the UN style
(tests/fixtures/kinds/): petitioners and an unnumbered "took the Chair" line in a partial Spanish
record, a Russian record with particles, a cut parenthesis, a word hyphenated across a page and
a first-page footer, a French record with a lost paragraph number and "Le Président de la
République" inside a statement, an English record with an acting Chair, a wrapped line that starts
with a name and honorifics beyond Mr./Ms., and a Chinese record with a Cyrillic name before 先生."""
import pytest

from rapporteur.indexer.parse import parse_file, parse_text
from tests.support.paths import FIXTURES

KINDS = FIXTURES / "kinds"


def rows(record):
    return [(p.n, p.speaker, p.delegation, p.role) for p in record.paragraphs]


def texts(record):
    return {p.n: p.text for p in record.paragraphs}


def test_partial_record_with_petitioners_and_an_acting_chair():
    record = parse_file(KINDS / "A_C.4_79_SR.5.es.txt")
    assert (record.meeting, record.date, record.kind) == (5, "2024-10-10", "SR")
    assert rows(record) == [
        (1, "Ahmed", "Egipto", "Presidente"),
        (2, None, None, None),  # takes a place at the petitioners' table
        (3, "Moreau", "Asociación de Pescadores del Archipiélago", None),
        (4, None, None, None),  # withdraws
        (5, "Fuentes", "México", "Presidente interino"),  # "ocupa la Presidencia" is no paragraph 5
        (6, "Ortega", "Santa Sede", "Observador"),
    ]
    body = " ".join(texts(record).values())
    for furniture in ("Sírvase reciclar", "sujeta a correcciones", "24-18345", "151024", "A/C.4/79/SR.5"):
        assert furniture not in body


def test_particles_cut_parenthesis_hyphen_across_a_page_and_footer():
    record = parse_file(KINDS / "A_C.6_79_SR.12.ru.txt")
    assert (record.meeting, record.date, record.chair) == (12, "2024-10-16", "Новак")
    assert rows(record) == [
        (1, "аль-Тани", "Катар", None),
        (2, "аль-Тани", "Катар", None),  # "Председатель Комиссии сообщил…" is not the meeting's Chair
        (3, "ван дер Берг", "Соединенное Королевство Великобритании и Северной Ирландии", None),
        (4, "Новак", "Польша", "Председатель"),
    ]
    t = texts(record)
    assert "кодификации международного права." in t[3]
    assert t[4].endswith("в соответствии с программой работы.")
    assert not any("переработку" in x or "24-19876" in x for x in t.values())


def test_lost_number_restored_and_a_wrapped_line_is_no_heading():
    record = parse_file(KINDS / "E_C.12_2024_SR.7.fr.txt")
    assert [p.n for p in record.paragraphs] == [1, 2, 3, 4]
    t = texts(record)
    assert "Le Président de la République a annoncé" in t[2]
    assert t[2].endswith("les familles les plus modestes.")
    assert t[3].startswith("Le Comité souhaite savoir") and t[3].endswith("par l'État.")
    assert record.paragraphs[2].speaker == "de Rivière"
    assert {p.section for p in record.paragraphs} == {"Examen des rapports soumis par les États parties"}
    assert not any("recycler" in x for x in t.values())


def test_acting_chair_honorifics_and_a_wrapped_name():
    record = parse_file(KINDS / "A_C.3_79_SR.20.en.txt")
    assert rows(record) == [
        (1, "Okafor", "Nigeria", "Acting Chair"),  # "took the Chair" wrapped over two header lines
        (2, "Caccia", "Holy See", "Observer"),
        (3, "Mensah", "World Health Organization", None),
        (4, "Al-Thani", "Qatar", None),
        (5, None, None, None),  # "Ms. Lindqvist (Sweden) resumed the Chair."
        (6, "Lindqvist", "Sweden", "Chair"),
    ]
    assert "as noted by the representative of Mr. Haddad (Lebanon) in his statement" in texts(record)[2]
    assert not any("subject to correction" in x for x in texts(record).values())


def test_chinese_cyrillic_name_archbishop_and_acting_chair():
    record = parse_file(KINDS / "A_C.2_79_SR.8.zh.txt")
    assert rows(record) == [
        (1, "Petrović", "塞尔维亚", "代理主席"),
        (2, "Иванов", "俄罗斯联邦", None),
        (3, "Caccia", "罗马教廷", "观察员"),
        (4, "Haddad", "黎巴嫩", "主席"),  # 主席恢复主持会议。
    ]
    assert texts(record)[2].endswith("以实现可持续发展目标。")


ARABIC = """محضر موجز للجلسة 9
المعقودة في المقر، نيويورك، يوم الثلاثاء، 15 تشرين الأول/أكتوبر 2024، الساعة 10:00
الرئيس: السيد حداد (لبنان)
في غياب الرئيس، تولى الرئاسة نائب الرئيس السيد بتروفيتش (صربيا).
افتتحت الجلسة الساعة 10:05.
1. الرئيس بالنيابة: قال إن اللجنة ستواصل المناقشة العامة.
2. الشيخ آل ثاني (قطر): قال إن بلده يدعم عمل اللجنة.
"""


def test_arabic_acting_chair_and_sheikh():
    record = parse_text(ARABIC, source="A_C.2_79_SR.9.ar.txt")
    assert rows(record) == [(1, "بتروفيتش", "صربيا", "الرئيس بالنيابة"), (2, "آل ثاني", "قطر", None)]


@pytest.mark.parametrize("name", sorted(p.name for p in KINDS.iterdir()))
def test_every_fixture_paragraph_has_a_number_once(name):
    record = parse_file(KINDS / name)
    numbers = [p.n for p in record.paragraphs]
    assert numbers == sorted(set(numbers))

"""The verbatim layout as published, raw: a General Assembly plenary record written for the tests in
the UN style (tests/fixtures/kinds/A_79_PV.7.en.txt): the cover, an acting President, agenda
headings, the correction notice, job number, bar code and running head at a page end, a paragraph
the page cut in two, a head of State speaking in another language, escort lines."""
import pytest

from rapporteur.indexer.parse import parse_file, parse_text
from tests.support.paths import FIXTURES

PV = FIXTURES / "kinds" / "A_79_PV.7.en.txt"


@pytest.fixture(scope="module")
def record():
    return parse_file(PV)


def test_cover_block(record):
    assert (record.symbol, record.lang, record.kind) == ("A/79/PV.7", "en", "PV")
    assert (record.body, record.meeting, record.date) == ("General Assembly", 7, "2024-09-25")
    assert (record.chair, record.chair_delegation) == ("Yang", "Cameroon")
    assert (record.opened, record.closed) == ("09:05", "13:10")


def test_speakers_acting_president_and_return_to_the_chair(record):
    got = [(p.n, p.speaker, p.delegation, p.role) for p in record.paragraphs]
    assert got == [
        (1, "Rai", "Nepal", "Acting President"),  # "took the Chair": not the President, not a paragraph
        (2, None, None, None),  # escorted into the Hall: procedural
        (3, "Rai", "Nepal", "Acting President"),
        (4, "Bellini", "Republic of Solvania", "President of the Republic of Solvania"),
        (5, "Bellini", "Republic of Solvania", "President of the Republic of Solvania"),
        (6, None, None, None),
        (7, "Yang", "Cameroon", "President"),  # "The President returned to the Chair."
        (8, "Duarte", "Arvenia", None),
    ]


def test_spoke_in_with_interpretation_provided_by_the_delegation(record):
    p = record.paragraphs[3]
    assert p.spoke_in == "it"
    assert p.text.startswith("President Bellini (spoke in Italian; English interpretation provided by the delegation):")


def test_page_split_paragraph_joined_and_furniture_dropped(record):
    texts = [p.text for p in record.paragraphs]
    assert "if they are to keep their promise to the peoples of the world." in texts[3]
    for furniture in ("Corrections should be", "24-27391", "*2427391*", "25/09/2024", "documents.un.org"):
        assert not any(furniture in t for t in texts), furniture


def test_agenda_items_are_sections(record):
    assert record.paragraphs[0].section == (
        "Agenda item 8 (continued) — General debate — "
        "Address by Mr. Carlo Bellini, President of the Republic of Solvania"
    )
    assert all(p.section for p in record.paragraphs)


PRESIDENCY = """Security Council
Seventy-ninth year
9801st meeting
Tuesday, 14 January 2025, 10 a.m.
New York

President: Mr. Fu Cong . . . . . . . . . . . . . . . . . . (China)

The meeting was called to order at 10.05 a.m.

The President: I now give the floor to Mr. Lacroix.

Mr. Lacroix (spoke in French): The situation remains fragile.

The President: I shall now make a statement in my capacity as the representative of China.

China supports the mission and its mandate.

I now resume my functions as President of the Council. There are no more names on the list of speakers.

The meeting rose at 11.40 a.m.
"""


def test_presidents_national_statement_and_a_briefer_without_delegation(tmp_path):
    path = tmp_path / "S_PV.9801.txt"
    path.write_text(PRESIDENCY, encoding="utf-8")
    record = parse_file(path)
    assert (record.symbol, record.meeting, record.date, record.chair) == ("S/PV.9801", 9801, "2025-01-14", "Fu Cong")
    got = [(p.speaker, p.delegation, p.spoke_in) for p in record.paragraphs]
    assert got == [
        ("Fu Cong", "China", None),  # presiding: the cover's delegation
        ("Lacroix", None, "fr"),  # "(spoke in French)" is no delegation
        ("Fu Cong", "China", None),  # the national statement
        ("Fu Cong", "China", None),
        ("Fu Cong", "China", None),
    ]
    assert [p.delegation_code for p in record.paragraphs][2:4] == ["CHN", "CHN"]


def test_national_statement_without_a_cover_gets_the_delegation():
    text = PRESIDENCY.split("The meeting was called to order at 10.05 a.m.\n\n")[1]
    record = parse_text(text.replace("China supports", "Viet Nam supports"), source="S_PV.9801.txt")
    got = [(p.speaker, p.delegation) for p in record.paragraphs]
    assert got == [(None, None), ("Lacroix", None), (None, "China"), (None, "China"), (None, None)]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "Le Président : Je vais maintenant faire une déclaration en ma qualité de représentant de la Chine.\n\n"
               "La Chine appuie la mission.\n\nJe reprends maintenant mes fonctions de Président du Conseil.\n"),
        ("es", "El Presidente: Formularé ahora una declaración en mi calidad de representante de China.\n\n"
               "China apoya la misión.\n\nReanudo ahora mis funciones como Presidente del Consejo.\n"),
        ("ru", "Председатель: Я хотел бы сделать заявление в качестве представителя Китая.\n\n"
               "Китай поддерживает миссию.\n\nЯ возобновляю выполнение функций Председателя Совета.\n"),
        ("zh", "主席: 我现在以中国代表的身份发言。\n\n中国支持特派团。\n\n我现在恢复行使安理会主席职能。\n"),
        ("ar", "الرئيس: أدلي الآن ببيان بصفتي ممثل الصين.\n\nتؤيد الصين البعثة.\n\nأستأنف الآن مهامي بصفتي رئيسا للمجلس.\n"),
    ],
)
def test_national_statement_in_each_language(lang, text):
    record = parse_text(text, source=f"S_PV.9801.{lang}.txt")
    assert record.kind == "PV"
    assert [p.delegation_code for p in record.paragraphs] == ["CHN", "CHN", None]

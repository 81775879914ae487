"""Statements in no SR/PV layout: paragraphs at the text's own boundaries, the speaker, office and
date from the header, the delegation from a statement collection's file name."""
from __future__ import annotations

import pytest

from rapporteur.indexer.parse import parse_file, parse_text
from rapporteur.indexer.parse.statement import MAX_CHARS, collection_name, split_paragraphs

# A statement as a delegation publishes it, from a PDF: a header, a page number and a blank line
# falling mid-sentence, paragraphs ended by a short line without a blank after them.
FRENCH = """\
80e session de l'Assemblée générale des Nations Unies
Allocution de Son Excellence Monsieur Jean-Paul DURAND,
Ministre de l'Europe et des Affaires étrangères
New York, le 1er octobre 2025

Monsieur le Président,
Mesdames et Messieurs,

Permettez-moi tout d'abord de vous adresser mes félicitations pour votre
élection à la présidence de la quatre-vingtième session de l'Assemblée
générale, et de vous assurer du plein soutien de ma délégation dans
l'accomplissement de votre mandat.
La France salue également le travail accompli par votre prédécesseur,
qui a conduit nos travaux avec constance et sens du dialogue au cours
d'une année marquée par des crises nombreuses et par l'urgence de
réformer les institutions issues de la Seconde Guerre mondiale et de la

2

Charte des Nations Unies, que nous voulons plus représentatives.

Nous devons agir ensemble face au dérèglement climatique, qui frappe
d'abord les pays les plus vulnérables et compromet les efforts de

développement de générations entières sur tous les continents du globe.

Mesdames et Messieurs,

La paix ne se décrète pas : elle se construit, jour après jour, par le
droit, la négociation et la parole donnée.
Je vous remercie.
"""

# Capitals in the header, printed paragraph numbers, a page footer mid-sentence and a greeting
# between two numbered paragraphs.
SPANISH = """\
MISIÓN PERMANENTE ANTE LAS NACIONES UNIDAS

DISCURSO DEL EXCMO. SR. D. MATEO LÓPEZ GARCÍA,
MINISTRO DE ASUNTOS EXTERIORES DEL REINO DE ESPAÑA,
EN EL DEBATE GENERAL DEL OCTOGÉSIMO PERÍODO DE SESIONES
Nueva York, 26 de septiembre de 2025

Señor Presidente:

1. Quiero comenzar felicitándole por su elección y expresarle el apoyo
de mi delegación en el desempeño de sus funciones durante este período
de sesiones, que se abre en un momento de grandes incertidumbres.

2. El multilateralismo atraviesa una crisis de confianza que no podemos
ignorar. Los compromisos asumidos en la Agenda 2030 exigen que los
Estados Miembros redoblen sus esfuerzos para movilizar la financiación
- 2 -
necesaria y cumplir lo prometido a las generaciones futuras del planeta.

Señoras y señores:

3. España seguirá defendiendo el derecho internacional y la Carta de las
Naciones Unidas, en Ucrania, en Oriente Medio y en cualquier lugar donde
la población civil sufra las consecuencias de la guerra.

4. Muchas gracias.
"""

# The speaker in the genitive, as Russian titles put them.
RUSSIAN = """\
Выступление Постоянного представителя Республики Беларусь
И.К.Петровой на общеполитической дискуссии 80-й сессии
Генеральной Ассамблеи ООН
Нью-Йорк, 29 сентября 2025 года

Уважаемый г-н Председатель,
Уважаемые коллеги,

Позвольте прежде всего поздравить Вас с избранием на этот высокий пост и
пожелать успехов в работе. Наша делегация готова к тесному сотрудничеству.

Мы убеждены, что Организация Объединенных Наций остается универсальной
площадкой для диалога, и призываем все государства-члены уважать принципы
Устава, включая суверенное равенство государств и невмешательство во
внутренние дела.

Благодарю за внимание.
"""

# General debate transcripts: one paragraph per line, no blank lines.
PER_LINE = "\n".join([
    "Mr. President,",
    "Allow me first of all to congratulate you on your election to the presidency of the General Assembly at its "
    "eightieth session. I am confident that under your able leadership our deliberations will be fruitful, and my "
    "delegation assures you of its full cooperation in the discharge of your responsibilities.",
    "I also wish to thank your predecessor for the skill with which he guided the work of the previous session, a "
    "session marked by conflicts, by the climate emergency and by the unfinished business of reform of the Security "
    "Council, which my country has long called for.",
    "The challenges before us are shared, and so must be the answers. No country, however large, can face them "
    "alone; no country, however small, should be left out of the decisions that shape its future.",
])

# An older, OCR'd statement that keeps the verbatim record's paragraph numbers.
NUMBERED_OCR = "\n".join([
    "At the outset, Mr. President, allow me to extend to you my sincere congratulations on your election to the "
    "presidency of this session of the General Assembly, an honour well deserved by you and your country.",
    "71.\tIt is a source of great pleasure for us that the opening of this session has been marked by the admission "
    "of new Members, which brings the Organization closer to universality and strengthens its authority.",
    "72.\tWith the increased number of Members, the Organization faces new tasks, and we hope that this forum of "
    "independent voices will contribute to the relaxation of international tension and to peaceful coexistence.",
    "73.\tIn this connexion, my delegation wishes to stress the importance of disarmament, which remains the most "
    "urgent problem of our time and the key to the security of all nations, large and small.",
])

# PDF text in a narrow column without blank lines: a paragraph ends with a short line.
NARROW = """\
My delegation welcomes the report of the Secretary-
General on the work of the Organization, which gives
a clear account of the achievements of the past year
and of the challenges ahead.
We are encouraged by the progress made in the field
of peacekeeping, where the dedication of the men and
women serving under the United Nations flag deserves
our gratitude and our continued support.
At the same time, the persistence of armed conflicts
in several regions of the world reminds us that the
work of prevention must be strengthened, and that the
Organization must be given the means to act early.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def texts(record):
    return [p.text for p in record.paragraphs]


def test_french_statement_header_paragraphs_delegation(tmp_path):
    rec = parse_file(write(tmp_path, "fr_fr.txt", FRENCH))
    assert (rec.lang, rec.date, rec.symbol) == ("fr", "2025-10-01", "statement-FRA-2025-10-01")
    assert rec.warnings == []
    assert texts(rec) == [
        "Monsieur le Président,",
        "Mesdames et Messieurs,",
        "Permettez-moi tout d'abord de vous adresser mes félicitations pour votre élection à la présidence de la "
        "quatre-vingtième session de l'Assemblée générale, et de vous assurer du plein soutien de ma délégation dans "
        "l'accomplissement de votre mandat.",
        # the page number "2" and the blank line fell mid-sentence: joined
        "La France salue également le travail accompli par votre prédécesseur, qui a conduit nos travaux avec "
        "constance et sens du dialogue au cours d'une année marquée par des crises nombreuses et par l'urgence de "
        "réformer les institutions issues de la Seconde Guerre mondiale et de la Charte des Nations Unies, que nous "
        "voulons plus représentatives.",
        # a blank line before a lower-case line: the same sentence
        "Nous devons agir ensemble face au dérèglement climatique, qui frappe d'abord les pays les plus vulnérables "
        "et compromet les efforts de développement de générations entières sur tous les continents du globe.",
        "Mesdames et Messieurs,",
        "La paix ne se décrète pas : elle se construit, jour après jour, par le droit, la négociation et la parole "
        "donnée.",
        "Je vous remercie.",
    ]
    assert [p.n for p in rec.paragraphs] == list(range(1, 9))
    for p in rec.paragraphs:
        assert (p.speaker, p.role) == ("Jean-Paul DURAND", "Ministre de l'Europe et des Affaires étrangères")
        assert (p.delegation, p.delegation_code) == ("France", "FRA")


def test_spanish_statement_printed_numbers_win(tmp_path):
    rec = parse_file(write(tmp_path, "es_es.txt", SPANISH))
    assert rec.kind is None  # numbered paragraphs without a single speaker opening: no summary record
    assert (rec.lang, rec.date, rec.symbol) == ("es", "2025-09-26", "statement-ESP-2025-09-26")
    assert [p.n for p in rec.paragraphs] == [1, 2, 3, 4]
    one, two, three, four = texts(rec)
    # the salutation has no number of its own: it opens paragraph 1; the number is off the text
    assert one.startswith("Señor Presidente: Quiero comenzar felicitándole")
    # the footer "- 2 -" fell mid-sentence
    assert two.endswith("movilizar la financiación necesaria y cumplir lo prometido a las generaciones futuras del planeta.")
    assert three.startswith("Señoras y señores: España seguirá defendiendo")
    assert four == "Muchas gracias."
    for p in rec.paragraphs:
        assert p.speaker == "Mateo López García"
        assert p.role == "Ministro de Asuntos Exteriores del Reino de España"
        assert (p.delegation, p.delegation_code) == ("España", "ESP")


def test_russian_statement_names_in_the_nominative(tmp_path):
    rec = parse_file(write(tmp_path, "by_ru.txt", RUSSIAN))
    assert (rec.lang, rec.date, rec.symbol) == ("ru", "2025-09-29", "statement-BLR-2025-09-29")
    assert texts(rec)[:2] == ["Уважаемый г-н Председатель,", "Уважаемые коллеги,"]
    assert len(rec.paragraphs) == 5 and texts(rec)[-1] == "Благодарю за внимание."
    p = rec.paragraphs[2]
    assert (p.speaker, p.role) == ("И.К.Петрова", "Постоянный представитель Республики Беларусь")
    assert (p.delegation, p.delegation_code) == ("Беларусь", "BLR")


def test_one_paragraph_per_line():
    paras = split_paragraphs(PER_LINE)
    assert [n for n, _ in paras] == [1, 2, 3, 4]
    assert paras[0][1] == "Mr. President,"
    assert paras[3][1].startswith("The challenges before us are shared")


def test_printed_numbers_of_an_ocr_statement():
    paras = split_paragraphs(NUMBERED_OCR)
    # the first paragraph lost its number: it takes the one before 71
    assert [n for n, _ in paras] == [70, 71, 72, 73]
    assert paras[1][1].startswith("It is a source of great pleasure")


def test_narrow_column_without_blank_lines():
    paras = split_paragraphs(NARROW)
    assert [t[:30] for _, t in paras] == ["My delegation welcomes the rep", "We are encouraged by the progr",
                                         "At the same time, the persiste"]
    assert "Secretary-General on the work" in paras[0][1]  # a hyphen at a line end is kept, the space is not


def test_a_long_text_without_paragraph_breaks_is_cut_at_sentence_ends():
    line = "The Organization must act with resolve and with the means its Members give it."  # a full column
    text = "\n".join([line] * 400)  # 32,000 characters, no short line, no blank line
    paras = split_paragraphs(text)
    assert len(paras) > 5
    assert all(len(t) <= MAX_CHARS for _, t in paras)
    assert " ".join(t for _, t in paras) == " ".join([line] * 400)
    # with no line break at all there is nowhere to cut
    assert len(split_paragraphs(" ".join([line] * 100))) == 1


def test_numbering_is_deterministic(tmp_path):
    path = write(tmp_path, "es_es.txt", SPANISH)
    assert parse_file(path).to_dict() == parse_file(path).to_dict()


@pytest.mark.parametrize("lang, text, iso", [
    ("en", "Statement by H.E. Mr. John Smith, Minister for Foreign Affairs\n\nMr. President,\n\nThank you.\n\n"
           "New York, 27 September 2024", "2024-09-27"),
    ("fr", "Monsieur le Président,\n\nJe vous remercie.\n\nNew York, le 27 septembre 2024", "2024-09-27"),
    ("es", "Señor Presidente:\n\nMuchas gracias.\n\nNueva York, 27 de septiembre de 2024", "2024-09-27"),
    ("ru", "Уважаемый г-н Председатель,\n\nБлагодарю за внимание.\n\nНью-Йорк, 27 сентября 2024 года", "2024-09-27"),
    ("ar", "السيد الرئيس،\n\nأشكركم على حسن الاستماع وعلى اهتمامكم بما قلته اليوم أمام الجمعية العامة.\n\n"
           "نيويورك، ٢٧ سبتمبر ٢٠٢٤", "2024-09-27"),
    ("zh", "主席先生:\n\n谢谢主席。我们愿同各方一道，推动构建人类命运共同体。\n\n2024年9月27日于纽约", "2024-09-27"),
])
def test_a_statement_dated_at_its_end(tmp_path, lang, text, iso):
    rec = parse_text(text, source=str(tmp_path / f"cn_{lang}.txt"))
    assert rec.lang == lang and rec.date == iso
    assert all(p.delegation_code == "CHN" for p in rec.paragraphs)


def test_the_delegation_name_in_the_records_language_else_english(tmp_path):
    rec = parse_text(PER_LINE, source=str(tmp_path / "de_en.txt"))
    assert {(p.delegation, p.delegation_code) for p in rec.paragraphs} == {("Germany", "DEU")}
    rec = parse_text("Signor Presidente,\n\nGrazie.", source=str(tmp_path / "it_it.txt"))
    assert rec.lang is None  # Italian is not a UN language; the text told none
    assert {(p.delegation, p.delegation_code) for p in rec.paragraphs} == {("Italy", "ITA")}
    assert rec.symbol == "statement-ITA"


def test_the_language_from_the_file_name_where_the_text_cannot_tell(tmp_path):
    rec = parse_text("Monsieur le Président,\n\nMerci.", source=str(tmp_path / "ml_fr.txt"))
    assert rec.lang == "fr" and rec.paragraphs[0].delegation == "Mali"


@pytest.mark.parametrize("name", ["notes.txt", "xx_fr.txt", "fr_xx.txt", "FR_fr.txt", "fra_fr.txt", "S_PV.1234.txt"])
def test_other_file_names_name_no_delegation(name):
    assert collection_name(f"/corpus/{name}") is None


def test_a_salutation_ends_a_header_only_when_the_header_says_something():
    rec = parse_text("Bismillah ar-Rahman ar-Rahim\nMr. President, ladies and gentlemen,\n\n" + PER_LINE.split("\n", 1)[1])
    assert texts(rec)[0] == "Bismillah ar-Rahman ar-Rahim"  # no title, date or name: no header to drop


def test_a_wrong_speaker_is_worse_than_none(tmp_path):
    # where does the office end and the name begin? Nothing marks it: neither is taken
    text = "Palabras del Presidente de la Nación Mateo López García, en el debate general\n\nSeñor Presidente:\n\nGracias."
    rec = parse_text(text, source=str(tmp_path / "ar_es.txt"))
    assert (rec.paragraphs[0].speaker, rec.paragraphs[0].role) == (None, None)
    # a greeting to the Assembly's President by name is not the speaker
    text = ("Intervención en nombre de la República\n• Excelentísimo Señor Juan Pérez, Presidente de la Asamblea General\n"
            "• Señoras y señores:\n\nGracias.")
    rec = parse_text(text, source=str(tmp_path / "py_es.txt"))
    assert rec.paragraphs[0].speaker is None


BODY = {
    "fr": ("Monsieur le Président,", "Nous sommes réunis dans un moment difficile pour la paix et pour le droit. "
           "Notre pays soutient les efforts de la communauté internationale.", "New York, le 25 septembre 2025"),
    "es": ("Señor Presidente:", "Nos reunimos en un momento difícil para la paz y para el derecho. Mi país apoya "
           "los esfuerzos de la comunidad internacional y de las Naciones Unidas.", "Nueva York, 25 de septiembre de 2025"),
    "en": ("Mr. President,", "We meet at a difficult time for peace and for the rule of law. My country supports the "
           "efforts of the international community and of the United Nations.", "New York, 25 September 2025"),
    "ru": ("Уважаемый г-н Председатель,", "Мы собрались в непростое для мира время. Наша страна поддерживает усилия "
           "международного сообщества.", "Нью-Йорк, 25 сентября 2025 года"),
}


@pytest.mark.parametrize("title, speaker, role", [
    ("Intervention du Chef du Gouvernement, M. Xavier Dupont Vidal", "Xavier Dupont Vidal", "Chef du Gouvernement"),
    ("Discurso de la Ministra de Relaciones Exteriores del Estado Plurinacional de\nBolivia, Ana Quispe Mamani",
     "Ana Quispe Mamani", "Ministra de Relaciones Exteriores del Estado Plurinacional de Bolivia"),
    ("DISCOURS DE SON EXCELLENCE MONSIEUR\nJEAN-BAPTISTE MOUKALA NZÉ,\nPRESIDENT DE LA REPUBLIQUE GABONAISE\n"
     "A LA 80E SESSION DE L'ASSEMBLEE GENERALE", "Jean-Baptiste Moukala Nzé", "President de la Republique Gabonaise"),
    ("Palabras del presidente Andrés Mora Vidal ante la 80 Asamblea General", "Andrés Mora Vidal", "Presidente"),
    ("Discours de Monsieur Paul RAKOTO, Premier Ministre, Chef du Gouvernement", "Paul RAKOTO",
     "Premier Ministre, Chef du Gouvernement"),
    ("Statement by H.E. Mr. John Smith, Minister for Foreign Affairs of Freedonia, at the general debate",
     "John Smith", "Minister for Foreign Affairs of Freedonia"),
    ("Выступление Министра иностранных дел Российской Федерации\nС.В.Орлова на общеполитической дискуссии",
     "С.В.Орлов", "Министр иностранных дел Российской Федерации"),
])
def test_header_forms(title, speaker, role):
    lang = {"intervention": "fr", "discours": "fr", "discurso": "es", "palabras": "es", "statement": "en",
            "выступление": "ru"}[title.split()[0].lower()]
    salutation, body, dateline = BODY[lang]
    rec = parse_text(f"{title}\n{dateline}\n\n{salutation}\n\n{body}")
    assert rec.lang == lang
    assert (rec.paragraphs[0].speaker, rec.paragraphs[0].role) == (speaker, role)
    assert rec.date == "2025-09-25" and texts(rec) == [salutation, body]


def test_text_that_is_no_statement_keeps_its_warning(tmp_path):
    rec = parse_text("First block of text.\nStill first.\n\nSecond block.", source=str(tmp_path / "notes.txt"))
    assert texts(rec) == ["First block of text. Still first.", "Second block."]
    assert len(rec.warnings) == 1 and "layout not recognised" in rec.warnings[0]

"""Summary and verbatim records in the six UN languages, written for the tests in the UN style."""
import pytest

from rapporteur.indexer.parse import parse_file, parse_text
from tests.support.paths import shared_path
from tests.support.records import SR7_FIVE_LANGUAGES

# lang → [(n, speaker, honorific, delegation, role)]
EXPECTED = {
    "en": [
        (1, "Anton", "Mr.", "Germany", "Observer"),
        (2, "Anton", "Mr.", "Germany", "Observer"),
        (3, "Kim Heun Jin", "Ms.", "Republic of Korea", "Observer"),
        (4, "Cupitt", "Mr.", "United States of America", "speaking in his national capacity"),
        (5, "Kim Won-soo", "Mr.", None, "Under-Secretary-General and High Representative for Disarmament Affairs"),
        (6, "Oyarzun Marchesi", "Mr.", "Spain", "Chair"),
    ],
    "fr": [
        (1, "Anton", "M.", "Allemagne", "Observateur"),
        (2, "Anton", "M.", "Allemagne", "Observateur"),
        (3, "Kim Heun Jin", "Mme", "République de Corée", "Observatrice"),
        (4, "Cupitt", "M.", "États-Unis d'Amérique", "parlant en sa qualité de représentant de son pays"),
        (5, "Oyarzun Marchesi", "M.", "Espagne", "Président"),
    ],
    "es": [
        (1, "Anton", "Sr.", "Alemania", "Observador"),
        (2, "Anton", "Sr.", "Alemania", "Observador"),
        (3, "Kim Heun Jin", "Sra.", "República de Corea", "Observadora"),
        (4, "Oyarzun Marchesi", "Sr.", "España", "Presidente"),
    ],
    "ru": [
        (1, "Антон", "Г-н", "Германии", "наблюдатель"),
        (2, "Антон", "Г-н", "Германии", "наблюдатель"),
        (3, "Ким Хын Джин", "Г-жа", "Республики Корея", "наблюдатель"),
        (4, "Ояргун Марчеси", "г-н", "Испания", "Председатель"),
    ],
    "ar": [
        (1, "أنتون", "السيد", "ألمانيا", "المراقب"),
        (2, "أنتون", "السيد", "ألمانيا", "المراقب"),
        (3, "كيم هيون جين", "السيدة", "جمهورية كوريا", "المراقبة"),
        (4, "أويارثون مارتشيسي", "السيد", "إسبانيا", "الرئيس"),
    ],
}
HEADINGS = {"en": "Outreach", "fr": "Sensibilisation", "es": "Divulgación", "ru": "Пропаганда", "ar": "التوعية"}


@pytest.mark.parametrize("lang", sorted(SR7_FIVE_LANGUAGES))
def test_summary_record(lang):
    rec = parse_text(SR7_FIVE_LANGUAGES[lang], source=f"A_AC.99_SR.7.{lang}.txt")
    assert rec.warnings == []
    assert (rec.symbol, rec.lang, rec.kind, rec.meeting, rec.date) == ("A/AC.99/SR.7", lang, "SR", 7, "2016-06-22")
    assert (rec.opened, rec.closed) == ("15:10", "17:10")
    assert rec.agenda == [HEADINGS[lang]]
    got = [(p.n, p.speaker, p.honorific, p.delegation, p.role) for p in rec.paragraphs]
    assert got == EXPECTED[lang]
    assert {p.section for p in rec.paragraphs} == {HEADINGS[lang]}
    # Observer for Germany, Observateur de l'Allemagne, наблюдатель от Германии … are all DEU.
    assert [p.delegation_code for p in rec.paragraphs[:3]] == ["DEU", "DEU", "KOR"]
    assert rec.paragraphs[-1].delegation_code == "ESP"


@pytest.mark.parametrize("lang", sorted(SR7_FIVE_LANGUAGES))
def test_language_detected_from_text_alone(lang):
    assert parse_text(SR7_FIVE_LANGUAGES[lang]).lang == lang


PV = {
    "en": ("Mr. Zhang Jun (China) (spoke in Chinese): China supports the draft.", "Zhang Jun", "China", "zh"),
    "fr": ("M. Zhang Jun (Chine) (parle en chinois) : La Chine appuie le projet.", "Zhang Jun", "Chine", "zh"),
    "es": ("El Sr. Zhang Jun (China) (habla en chino): China apoya el proyecto.", "Zhang Jun", "China", "zh"),
    "ru": ("Г-н Чжан Цзюнь (Китай) (говорит по-китайски): Китай поддерживает проект.", "Чжан Цзюнь", "Китай", "zh"),
    "ar": ("السيد تشانغ جون (الصين) (تكلم بالصينية): تؤيد الصين المشروع.", "تشانغ جون", "الصين", "zh"),
}
PRESIDENT = {"en": "The President:", "fr": "Le Président :", "es": "El Presidente:", "ru": "Председатель:", "ar": "الرئيس:"}


@pytest.mark.parametrize("lang", sorted(PV))
def test_verbatim_record(lang):
    statement, name, delegation, spoke_in = PV[lang]
    text = f"{PRESIDENT[lang]} ...\n\n{statement}\n\nSecond paragraph of the same statement.\n\n{PRESIDENT[lang]} ...\n"
    rec = parse_text(text, source=f"S_PV.9999.{lang}.txt")
    assert (rec.symbol, rec.kind) == ("S/PV.9999", "PV")
    p1, p2, p3, p4 = rec.paragraphs
    assert p1.speaker is None and p1.role and p1.role.lower() in PRESIDENT[lang].lower()
    assert (p2.speaker, p2.delegation, p2.spoke_in) == (name, delegation, spoke_in)
    assert p2.delegation_code == "CHN"
    assert (p3.speaker, p3.n) == (name, 3)  # continues the statement
    assert p4.speaker is None and p4.role == p1.role


def test_real_english_verbatim_record():
    rec = parse_file(shared_path("unsc-2020-verbatim-en", "S_PV.8698.txt"))
    assert (rec.symbol, rec.kind, rec.lang) == ("S/PV.8698", "PV", "en")
    by_speaker = {p.speaker: p for p in rec.paragraphs if p.speaker}
    assert by_speaker["Wu Haitao"].delegation == "China" and by_speaker["Wu Haitao"].spoke_in == "zh"
    assert by_speaker["Abarry"].delegation == "Niger" and by_speaker["Abarry"].spoke_in == "fr"
    assert by_speaker["Heusgen"].delegation == "Germany" and by_speaker["Heusgen"].spoke_in is None
    assert by_speaker["Chambas"].delegation is None
    assert rec.paragraphs[0].role == "President"


def test_resumption_symbol_from_file_name():
    rec = parse_file(shared_path("unsc-2020-verbatim-en", "S_PV.8699_Resumption1.txt"))
    assert rec.symbol == "S/PV.8699 (Resumption 1)"


def test_zh_and_en_versions_have_the_same_speakers():
    zh = parse_file(shared_path("zh-en-summary-record", "A_AC.183_SR.413.zh.txt"))
    en = parse_file(shared_path("zh-en-summary-record", "A_AC.183_SR.413.en.txt"))
    assert zh.symbol == en.symbol == "A/AC.183/SR.413"
    assert (zh.lang, en.lang) == ("zh", "en")
    assert len(zh.paragraphs) == len(en.paragraphs)
    latin = [(a.n, a.speaker, b.speaker) for a, b in zip(zh.paragraphs, en.paragraphs) if a.speaker and a.speaker.isascii()]
    assert all(a == b for _, a, b in latin) and len(latin) >= 10
    assert (en.paragraphs[1].speaker, en.paragraphs[1].delegation, en.paragraphs[1].role) == (
        "Mansour", "State of Palestine", "Observer")
    assert en.paragraphs[3].role == "Vice-Chair, speaking on behalf of the Rapporteur"
    assert zh.paragraphs[1].delegation_code == en.paragraphs[1].delegation_code == "PSE"
    codes = [(a.delegation_code, b.delegation_code) for a, b in zip(zh.paragraphs, en.paragraphs)]
    assert all(a == b for a, b in codes)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith's proposal (A/78/35) was welcomed by many delegations.",
        "Mr. Anton said that (in his view) the text was balanced.",
        "M. Dupont a dit que (selon lui) le texte était équilibré.",
    ],
)
def test_sentence_starting_with_an_honorific_is_not_a_speaker(text):
    from rapporteur.indexer.parse.grammars import GRAMMARS

    lang = "fr" if text.startswith("M. ") else "en"
    assert GRAMMARS[lang].match_opening(text) is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mr. Pecsteen de Buytswerve (Belgium) (spoke in French): Thank you.", "Pecsteen de Buytswerve"),
        ("Ms. Al-Thani (Qatar): Thank you.", "Al-Thani"),
        ("Mr. Kim Won-soo (Under-Secretary-General) said", "Kim Won-soo"),
        ("Г-н Чжан Цзюнь (Китай) говорит", "Чжан Цзюнь"),
        ("السيد تشانغ جون (الصين): قال", "تشانغ جون"),
    ],
)
def test_names_with_particles_and_uncased_scripts(text, name):
    from rapporteur.indexer.parse.grammars import GRAMMARS
    from rapporteur.indexer.parse.language import from_text

    assert GRAMMARS[from_text(text) or "en"].match_opening(text).name == name


def test_language_suffix_of_a_language_beyond_the_six():
    from rapporteur.indexer.parse.symbols import from_filename

    assert from_filename("A_79_PV.7.pt.txt") == ("A/79/PV.7", "pt")
    assert from_filename("S_PV.8699.txt") == ("S/PV.8699", None)

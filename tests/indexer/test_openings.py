"""Speaker openings in the six grammars: honorifics beyond Mr./Ms., lower-case particles, names in
another script, acting chairs, and sentences that only look like the chair speaking."""
import pytest

from rapporteur.indexer.parse.grammars import GRAMMARS
from rapporteur.indexer.text import normalize_text


def opening(lang, text):
    return GRAMMARS[lang].match_opening(normalize_text(text))


@pytest.mark.parametrize(
    "lang, text, name, honorific, delegation",
    [
        ("zh", "Иванов先生(俄罗斯联邦)说,", "Иванов", "先生", "俄罗斯联邦"),
        ("zh", "Καλλής女士(希腊)说,", "Καλλής", "女士", "希腊"),
        ("zh", "Caccia 大主教(罗马教廷观察员)说,", "Caccia", "大主教", "罗马教廷"),
        ("zh", "Al-Thani 谢赫(卡塔尔)说,", "Al-Thani", "谢赫", "卡塔尔"),
        ("en", "Archbishop Caccia (Observer for the Holy See) said that", "Caccia", "Archbishop", "Holy See"),
        ("en", "Cardinal Parolin (Holy See): ", "Parolin", "Cardinal", "Holy See"),
        ("en", "Sheikh Al-Thani (Qatar) said that", "Al-Thani", "Sheikh", "Qatar"),
        ("en", "Dr. Tedros (World Health Organization): ", "Tedros", "Dr.", "World Health Organization"),
        ("en", "Mr. bin Abdulrahman Al Thani (Qatar): ", "bin Abdulrahman Al Thani", "Mr.", "Qatar"),
        ("en", "Ms. van der Berg (Netherlands) said", "van der Berg", "Ms.", "Netherlands"),
        ("fr", "M. de Rivière (France) dit que", "de Rivière", "M.", "France"),
        ("fr", "Mgr Caccia (Observateur du Saint-Siège) dit que", "Caccia", "Mgr", "Saint-Siège"),
        ("fr", "Cheikh Al-Thani (Qatar) dit que", "Al-Thani", "Cheikh", "Qatar"),
        ("es", "El Sr. de la Fuente (México) dice que", "de la Fuente", "Sr.", "México"),
        ("es", "Monseñor Caccia (Observador de la Santa Sede) dice que", "Caccia", "Monseñor", "Santa Sede"),
        ("es", "El Jeque Al-Thani (Qatar) dice que", "Al-Thani", "Jeque", "Qatar"),
        ("ru", "Г-н аль-Тани (Катар) говорит, что", "аль-Тани", "Г-н", "Катар"),
        ("ru", "Г-жа ван дер Берг (Нидерланды) говорит, что", "ван дер Берг", "Г-жа", "Нидерланды"),
        ("ru", "Архиепископ Качча (наблюдатель от Святейшего Престола) говорит, что", "Качча", "Архиепископ", "Святейшего Престола"),
        ("ar", "الشيخ آل ثاني (قطر): ", "آل ثاني", "الشيخ", "قطر"),
        ("ar", "المطران كاتشا (المراقب عن الكرسي الرسولي): ", "كاتشا", "المطران", "الكرسي الرسولي"),
    ],
)
def test_person_openings(lang, text, name, honorific, delegation):
    sp = opening(lang, text)
    assert sp is not None
    assert (sp.name, sp.honorific, sp.delegation) == (name, honorific, delegation)
    assert not sp.is_chair


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The Acting Chair said that"),
        ("en", "The Acting President: "),
        ("fr", "Le Président par intérim dit que"),
        ("es", "El Presidente interino dice que"),
        ("ru", "Исполняющий обязанности Председателя говорит, что"),
        ("zh", "代理主席说,"),
        ("ar", "الرئيس بالنيابة: "),
    ],
)
def test_acting_chair(lang, text):
    sp = opening(lang, text)
    assert sp.is_chair and sp.acting


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "Le Président de la République a rappelé hier que la paix demeure fragile."),
        ("fr", "Le Président du Comité spécial a présenté son rapport."),
        ("ru", "Председатель Комиссии сообщил, что доклад будет издан."),
        ("es", "El Presidente de la República ha reiterado su compromiso."),
        ("en", "The President of the General Assembly has convened a high-level meeting."),
        ("en", "Mr. Smith's proposal (A/78/35) was welcomed."),
    ],
)
def test_sentences_that_only_look_like_the_chair(lang, text):
    assert opening(lang, text) is None


@pytest.mark.parametrize(
    "lang, text, chair",
    [
        ("fr", "Le Président dit que l'ordre du jour est adopté.", True),
        ("ru", "Председатель говорит, что", True),
        ("ru", "Председатель (говорит по-английски): ", True),
        ("es", "El Presidente (habla en inglés): ", True),
    ],
)
def test_the_chair_still_speaks(lang, text, chair):
    assert opening(lang, text).is_chair is chair


@pytest.mark.parametrize(
    "lang, text, spoke_in",
    [
        ("en", "Mr. Lacroix (spoke in French): ", "fr"),
        ("en", "President Bellini (spoke in Italian; English interpretation provided by the delegation): ", "it"),
        ("fr", "M. Rossi (Italie) (parle en italien; interprétation en français assurée par la délégation) : ", "it"),
        ("es", "El Sr. Costa (Portugal) (habla en portugués; interpretación proporcionada por la delegación): ", "pt"),
    ],
)
def test_spoke_in(lang, text, spoke_in):
    sp = opening(lang, text)
    assert sp.spoke_in == spoke_in
    assert sp.delegation is None or "parle" not in sp.delegation and "spoke" not in sp.delegation

"""The bundled delegation table and name matching across the six UN languages."""
from __future__ import annotations

import pytest

from rapporteur.indexer import delegations
from rapporteur.indexer.delegations import LANGS, codes_matching, get, lookup


def code(text, lang=None):
    hit = lookup(text, lang)
    return hit.code if hit else None


# ------------------------------------------------------------------ the table

def test_193_member_states_all_named_in_six_languages():
    states = delegations.all_delegations("state")
    assert len(states) == 193
    for d in states:
        assert len(d.code) == 3 and d.code.isupper()
        for lang in LANGS:
            assert d.names[lang].strip(), (d.code, lang)
            assert d.formal[lang].strip(), (d.code, lang)


def test_codes_unique_and_kinds_known():
    every = delegations.all_delegations()
    codes = [d.code for d in every]
    assert len(codes) == len(set(codes))
    assert {d.kind for d in every} == {"state", "observer-state", "organisation"}
    assert {d.code for d in delegations.all_delegations("observer-state")} == {"VAT", "PSE"}
    orgs = {d.code for d in delegations.all_delegations("organisation")}
    assert {"EU", "AU", "ICRC", "INTERPOL", "IAEA", "OPCW", "LAS", "OIC"} <= orgs
    for d in delegations.all_delegations("organisation"):
        assert all(d.names[lang] for lang in LANGS), d.code


def test_no_ambiguous_names():
    assert delegations.ambiguous_keys() == {}


def test_data_file_ships_as_package_data():
    assert delegations.DATA_FILE.name == "delegations.tsv"
    assert delegations.DATA_FILE.parent.name == "data"  # pyproject: indexer = ["data/*"]


@pytest.mark.parametrize("code_, lang, short", [
    ("KOR", "zh", "大韩民国"),
    ("PRK", "zh", "朝鲜民主主义人民共和国"),
    ("RUS", "zh", "俄罗斯联邦"),
    ("USA", "zh", "美利坚合众国"),
    ("GBR", "zh", "大不列颠及北爱尔兰联合王国"),
    ("IRN", "zh", "伊朗伊斯兰共和国"),
    ("TUR", "en", "Türkiye"),
    ("IRN", "en", "Iran (Islamic Republic of)"),
    ("BOL", "en", "Bolivia (Plurinational State of)"),
    ("VNM", "en", "Viet Nam"),
    ("NLD", "en", "Netherlands (Kingdom of the)"),
    ("CIV", "en", "Côte d'Ivoire"),
    ("PSE", "en", "State of Palestine"),
    ("VAT", "en", "Holy See"),
    ("RUS", "fr", "Fédération de Russie"),
    ("USA", "es", "Estados Unidos de América"),
    ("GBR", "ru", "Соединенное Королевство Великобритании и Северной Ирландии"),
    ("RUS", "ar", "الاتحاد الروسي"),
])
def test_un_short_names(code_, lang, short):
    assert get(code_).names[lang] == short


def test_formal_names_and_labels():
    deu = get("DEU")
    assert deu.formal["en"] == "Federal Republic of Germany"
    assert deu.formal["zh"] == "德意志联邦共和国"
    assert deu.label("zh") == "德国"
    assert deu.label("zh-CN") == "德国"
    assert deu.label("fr") == "Allemagne"
    assert deu.label("xx") == "Germany"
    assert deu.label(None) == "Germany"
    assert get("IRN").formal["en"] == "Islamic Republic of Iran"
    assert get("deu") is deu
    assert get("XYZ") is None


# ------------------------------------------------------------------ lookup

@pytest.mark.parametrize("text", [
    "Germany", "Federal Republic of Germany", "Allemagne", "Alemania", "Германия",
    "ألمانيا", "德国", "德意志联邦共和国", "德國", "GERMANY", "  germany ",
])
def test_germany_in_every_language(text):
    assert code(text) == "DEU"


@pytest.mark.parametrize("text, expected", [
    ("United States", "USA"), ("United States of America", "USA"), ("USA", "USA"),
    ("美国", "USA"), ("美利坚合众国", "USA"), ("États-Unis d'Amérique", "USA"),
    ("Estados Unidos de América", "USA"), ("Соединённые Штаты Америки", "USA"),
    ("الولايات المتحدة الأمريكية", "USA"),
    ("大韩民国", "KOR"), ("韩国", "KOR"), ("Republic of Korea", "KOR"), ("South Korea", "KOR"),
    ("République de Corée", "KOR"), ("Democratic People's Republic of Korea", "PRK"),
    ("俄罗斯联邦", "RUS"), ("俄罗斯", "RUS"), ("Russian Federation", "RUS"),
    ("巴勒斯坦国", "PSE"), ("State of Palestine", "PSE"), ("Palestine", "PSE"),
    ("联合王国", "GBR"), ("英国", "GBR"), ("United Kingdom", "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("土耳其", "TUR"),
    ("Czech Republic", "CZE"), ("捷克", "CZE"), ("Swaziland", "SWZ"), ("埃斯瓦蒂尼", "SWZ"),
    ("Islamic Republic of Iran", "IRN"), ("Iran (Islamic Republic of)", "IRN"),
    ("Plurinational State of Bolivia", "BOL"), ("Bolivarian Republic of Venezuela", "VEN"),
    ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("Netherlands", "NLD"),
    ("Côte d’Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Guinea-Bissau", "GNB"),
    ("Guinea Bissau", "GNB"), ("Congo", "COG"), ("Democratic Republic of the Congo", "COD"),
    ("Holy See", "VAT"), ("Saint-Siège", "VAT"), ("教廷", "VAT"),
    ("El Salvador", "SLV"), ("China", "CHN"), ("中国", "CHN"), ("Viet Nam", "VNM"),
])
def test_names_and_variants(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "德国观察员",
    "Observer for Germany",
    "Permanent Observer of Germany",
    "Representative of Germany",
    "Observateur de l'Allemagne",
    "Observatrice de l’Allemagne",
    "Observador de Alemania",
    "Observadora de Alemania",
    "наблюдатель от Германии",
    "Наблюдатель от Германии",
    "представитель Германии",
    "المراقب عن ألمانيا",
    "المراقبة عن ألمانيا",
    "ممثل ألمانيا",
])
def test_role_words_are_stripped(text):
    assert code(text) == "DEU"


def test_role_of():
    assert delegations.role_of("德国观察员") == "observer"
    assert delegations.role_of("Observer for Germany") == "observer"
    assert delegations.role_of("наблюдатель от Германии") == "observer"
    assert delegations.role_of("المراقب عن ألمانيا") == "observer"
    assert delegations.role_of("Representative of France") == "representative"
    assert delegations.role_of("Germany") is None


@pytest.mark.parametrize("text, expected", [
    ("Observer for the State of Palestine", "PSE"),
    ("巴勒斯坦国观察员", "PSE"),
    ("Observateur de l'État de Palestine", "PSE"),
    ("Observador del Estado de Palestina", "PSE"),
    ("наблюдатель от Государства Палестина", "PSE"),
    ("المراقب الدائم عن دولة فلسطين", "PSE"),
    ("Observer for the Holy See", "VAT"),
    ("Observer for Egypt", "EGY"),
    ("埃及观察员", "EGY"),
    ("约旦观察员", "JOR"),
])
def test_observer_delegations_from_the_summary_records(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("de l'Allemagne", "DEU"),
    ("du Mexique", "MEX"),
    ("des États-Unis d'Amérique", "USA"),
    ("de la France", "FRA"),
    ("d'Israël", "ISR"),
    ("l'Allemagne", "DEU"),
    ("la France", "FRA"),
    ("le Mexique", "MEX"),
    ("Le Salvador", "SLV"),
    ("the Gambia", "GMB"),
    ("the Netherlands", "NLD"),
    ("el Perú", "PER"),
    ("los Estados Unidos de América", "USA"),
    ("de la Argentina", "ARG"),
])
def test_french_and_spanish_prepositions_and_articles(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Германии", "DEU"),
    ("наблюдатель от Российской Федерации", "RUS"),
    ("представитель Соединенных Штатов Америки", "USA"),
    ("наблюдатель от Республики Корея", "KOR"),
    ("наблюдатель от Египта", "EGY"),
    ("наблюдатель от Святого Престола", "VAT"),
    ("наблюдатель от Соединенного Королевства Великобритании и Северной Ирландии", "GBR"),
    ("наблюдатель от Боснии и Герцеговины", "BIH"),
    ("наблюдатель от Исламской Республики Иран", "IRN"),
    ("наблюдатель от Гвинеи-Бисау", "GNB"),
    ("наблюдатель от Кубы", "CUB"),
    ("наблюдатель от Мексики", "MEX"),
    ("наблюдатель от Китая", "CHN"),
    ("наблюдатель от Израиля", "ISR"),
    ("наблюдатель от Беларуси", "BLR"),
    ("наблюдатель от Нидерландов", "NLD"),
    ("наблюдатель от Филиппин", "PHL"),
    ("наблюдатель от Объединенных Арабских Эмиратов", "ARE"),
    ("наблюдатель от Южной Африки", "ZAF"),
    ("наблюдатель от Европейского союза", "EU"),
])
def test_russian_genitive(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("الاتحاد الروسي", "RUS"),
    ("المملكة المتحدة", "GBR"),
    ("ممثل المملكة المتحدة", "GBR"),
    ("الصين", "CHN"),
    ("دولة فلسطين", "PSE"),
    ("الكرسي الرسولي", "VAT"),
    ("المراقبة الدائمة عن الكرسي الرسولي", "VAT"),
    ("ألمانيا", "DEU"),
    ("المانيا", "DEU"),  # alef without hamza
    ("أَلْمَانِيَا", "DEU"),  # with vowel marks
    ("الاتحاد الأوروبي", "EU"),
    ("جامعة الدول العربية", "LAS"),
])
def test_arabic(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("国际刑事警察组织(国际刑警组织)", "INTERPOL"),
    ("国际刑事警察组织（国际刑警组织）", "INTERPOL"),
    ("International Criminal Police Organization (INTERPOL)", "INTERPOL"),
    ("INTERPOL", "INTERPOL"),
    ("国际原子能机构", "IAEA"),
    ("International Atomic Energy Agency", "IAEA"),
    ("禁止化学武器组织", "OPCW"),
    ("European Union", "EU"),
    ("欧洲联盟", "EU"),
    ("欧盟观察员", "EU"),
    ("Observer for the European Union", "EU"),
    ("Union européenne", "EU"),
    ("Unión Europea", "EU"),
    ("African Union", "AU"),
    ("International Committee of the Red Cross", "ICRC"),
    ("Comité international de la Croix-Rouge", "ICRC"),
    ("League of Arab States", "LAS"),
    ("Organisation of Islamic Cooperation", "OIC"),
    ("UNRWA", "UNRWA"),
    ("Germany (Observer)", "DEU"),
])
def test_organisations_and_parentheses(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "Foo", "Atlantis", "Observer", "Observer for", "观察员", "The Chair",
    "Mr. Anton", "Korea", "Unknown Republic", "наблюдатель", "Observer for Narnia",
])
def test_unknown_is_none(text):
    assert lookup(text) is None


def test_lang_hint_is_accepted():
    assert code("Allemagne", "fr") == "DEU"
    assert code("德国观察员", "zh") == "DEU"
    assert code("Germany", "en-GB") == "DEU"


# ------------------------------------------------------------------ codes_matching

def test_codes_matching_across_languages():
    assert codes_matching("Germany") == {"DEU"}
    assert codes_matching("德国") == {"DEU"}
    assert codes_matching("Allemagne") == {"DEU"}
    assert codes_matching("DEU") == {"DEU"}
    assert codes_matching("deu") == {"DEU"}
    assert codes_matching("China") == {"CHN"}
    assert codes_matching("中国") == {"CHN"}
    assert codes_matching("中國") == {"CHN"}


def test_codes_matching_partial_names():
    assert codes_matching("Korea") == {"KOR", "PRK"}
    assert codes_matching("Congo") == {"COG"}  # an exact name wins
    assert codes_matching("") == set()
    assert codes_matching("zz") == set()
    assert codes_matching("Narnia") == set()


def test_lookup_is_cached():
    # Repeated names are answered from the caches, not matched again. (How fast is the
    # benchmark's business: no wall-clock bound here.)
    from rapporteur.indexer.delegations.matching import _match_key
    from rapporteur.indexer.delegations.names import normalize_name

    first = lookup("Observer for Germany")
    keys, names = _match_key.cache_info(), normalize_name.cache_info()
    for _ in range(2000):
        assert lookup("Observer for Germany") == first
    assert (_match_key.cache_info().misses, normalize_name.cache_info().misses) == (keys.misses, names.misses)
    assert _match_key.cache_info().hits == keys.hits + 2000
    assert normalize_name.cache_info().hits == names.hits + 2000


def test_russian_genitive_rules():
    gen = delegations.russian_genitives
    assert "германии" in gen("Германия")
    assert "кубы" in gen("Куба")
    assert "мексики" in gen("Мексика")
    assert "китая" in gen("Китай")
    assert "российской федерации" in gen("Российская Федерация")
    assert "соединенных штатов америки" in gen("Соединённые Штаты Америки")
    assert gen("Иран (Исламская Республика)") == set()


# ------------------------------------------------------------------ ISO 3166-1 alpha-2

def test_every_state_has_an_alpha2_code():
    states = delegations.all_delegations("state") + delegations.all_delegations("observer-state")
    by_alpha2 = {}
    for line in delegations.table.ALPHA2_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        a2, a3 = line.split("\t")
        assert len(a2) == 2 and a2.isupper(), line
        by_alpha2[a2] = a3
    assert sorted(by_alpha2.values()) == sorted(d.code for d in states)


@pytest.mark.parametrize("alpha2, code_", [("ad", "AND"), ("AD", "AND"), ("bo", "BOL"), ("by", "BLR"), ("ps", "PSE"), ("va", "VAT")])
def test_from_alpha2(alpha2, code_):
    assert delegations.from_alpha2(alpha2).code == code_


@pytest.mark.parametrize("alpha2", ["", "xx", "eu", "AND"])
def test_from_alpha2_unknown(alpha2):
    assert delegations.from_alpha2(alpha2) is None

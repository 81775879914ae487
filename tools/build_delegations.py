#!/usr/bin/env python3
"""Dev-time generator for ``indexer/delegations/data/delegations.tsv``. Not shipped in the wheel.

Run from the repository root, in a virtualenv where the project is installed::

    .venv/bin/pip install pycountry babel   # dev only, not runtime dependencies
    .venv/bin/python tools/build_delegations.py

It also writes ``alpha2.tsv`` beside it: each State's ISO 3166-1 alpha-2 code and the table's
alpha-3 code, from ``pycountry``.

Sources: the list of the 193 UN Member States (hard-coded below by ISO 3166
alpha-3 code), ``pycountry`` (ISO 3166 English names and the iso-codes
translations of the official names) and Babel's CLDR territory names for the
six UN languages. Where the UN's own short or formal name differs from CLDR,
the ``*_OVERRIDES`` tables below give the UN form (UN Member States list /
UNTERM); where we were not sure of the UN form, CLDR is kept.

The output has one row per delegation: code, kind, short names (ar zh en fr ru
es), formal names (same order) and ``|``-separated variants. The script is
deterministic and re-runnable; it refuses to write a table in which one
normalised name would point at two delegations.
"""
from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from babel import Locale

from rapporteur.indexer import delegations, languages

OUT = Path(__file__).resolve().parent.parent / "indexer" / "delegations" / "data" / "delegations.tsv"
# ISO 3166-1 alpha-2 → the table's alpha-3 code, for collections that name a State by its
# two-letter code (the General Assembly statements' ``ad_fr.txt``).
ALPHA2_OUT = OUT.with_name("alpha2.tsv")
LANGS = languages.CODES

# The 193 UN Member States by ISO 3166-1 alpha-3 code.
UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVER_STATES = ("VAT", "PSE")

# --- UN short names where they differ from CLDR (en: from pycountry's ISO name) ---
SHORT_OVERRIDES: dict[str, dict[str, str]] = {
    "en": {
        "BOL": "Bolivia (Plurinational State of)",
        "COD": "Democratic Republic of the Congo",
        "PRK": "Democratic People's Republic of Korea",
        "IRN": "Iran (Islamic Republic of)",
        "FSM": "Micronesia (Federated States of)",
        "KOR": "Republic of Korea",
        "MDA": "Republic of Moldova",
        "TZA": "United Republic of Tanzania",
        "VEN": "Venezuela (Bolivarian Republic of)",
        "GBR": "United Kingdom of Great Britain and Northern Ireland",
        "USA": "United States of America",
        "NLD": "Netherlands (Kingdom of the)",
        "VAT": "Holy See",
        "PSE": "State of Palestine",
    },
    "fr": {
        "BLR": "Bélarus",
        "BRN": "Brunéi Darussalam",
        "CPV": "Cabo Verde",
        "COG": "Congo",
        "CIV": "Côte d'Ivoire",
        "PRK": "République populaire démocratique de Corée",
        "COD": "République démocratique du Congo",
        "SLV": "El Salvador",
        "FSM": "Micronésie (États fédérés de)",
        "IRN": "Iran (République islamique d')",
        "BOL": "Bolivie (État plurinational de)",
        "KGZ": "Kirghizistan",
        "LAO": "République démocratique populaire lao",
        "MDA": "République de Moldova",
        "KOR": "République de Corée",
        "RUS": "Fédération de Russie",
        "KNA": "Saint-Kitts-et-Nevis",
        "SYR": "République arabe syrienne",
        "TLS": "Timor-Leste",
        "TUR": "Türkiye",
        "GBR": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "TZA": "République-Unie de Tanzanie",
        "USA": "États-Unis d'Amérique",
        "VEN": "Venezuela (République bolivarienne du)",
        "VNM": "Viet Nam",
        "NLD": "Pays-Bas (Royaume des)",
        "MMR": "Myanmar",
        "VAT": "Saint-Siège",
        "PSE": "État de Palestine",
    },
    "es": {
        "BLR": "Belarús",
        "BRN": "Brunei Darussalam",
        "COG": "Congo",
        "CIV": "Côte d'Ivoire",
        "PRK": "República Popular Democrática de Corea",
        "SWZ": "Eswatini",
        "FSM": "Micronesia (Estados Federados de)",
        "IRN": "Irán (República Islámica del)",
        "BOL": "Bolivia (Estado Plurinacional de)",
        "LAO": "República Democrática Popular Lao",
        "MDA": "República de Moldova",
        "KOR": "República de Corea",
        "RUS": "Federación de Rusia",
        "KNA": "Saint Kitts y Nevis",
        "SYR": "República Árabe Siria",
        "TUR": "Türkiye",
        "GBR": "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "TZA": "República Unida de Tanzanía",
        "USA": "Estados Unidos de América",
        "VEN": "Venezuela (República Bolivariana de)",
        "VNM": "Viet Nam",
        "NLD": "Países Bajos (Reino de los)",
        "MMR": "Myanmar",
        "BGD": "Bangladesh",
        "BTN": "Bhután",
        "BHR": "Bahrein",
        "BWA": "Botswana",
        "DJI": "Djibouti",
        "FJI": "Fiji",
        "GNB": "Guinea-Bissau",
        "KEN": "Kenya",
        "LSO": "Lesotho",
        "MWI": "Malawi",
        "QAT": "Qatar",
        "RWA": "Rwanda",
        "SAU": "Arabia Saudita",
        "SUR": "Suriname",
        "ZWE": "Zimbabwe",
        "PLW": "Palau",
        "KAZ": "Kazajstán",
        "IRQ": "Iraq",
        "NZL": "Nueva Zelandia",
        "BEN": "Benin",
        "VAT": "Santa Sede",
        "PSE": "Estado de Palestina",
    },
    "ru": {
        "BHS": "Багамские Острова",
        "BRN": "Бруней-Даруссалам",
        "PRK": "Корейская Народно-Демократическая Республика",
        "COD": "Демократическая Республика Конго",
        "COG": "Конго",
        "CIV": "Кот-д'Ивуар",
        "FSM": "Микронезия (Федеративные Штаты)",
        "IRN": "Иран (Исламская Республика)",
        "BOL": "Боливия (Многонациональное Государство)",
        "KGZ": "Кыргызстан",
        "LAO": "Лаосская Народно-Демократическая Республика",
        "MDA": "Республика Молдова",
        "RUS": "Российская Федерация",
        "MHL": "Маршалловы Острова",
        "SLB": "Соломоновы Острова",
        "SYC": "Сейшельские Острова",
        "COM": "Коморские Острова",
        "SYR": "Сирийская Арабская Республика",
        "TLS": "Тимор-Лешти",
        "GBR": "Соединенное Королевство Великобритании и Северной Ирландии",
        "TZA": "Объединенная Республика Танзания",
        "USA": "Соединенные Штаты Америки",
        "VEN": "Венесуэла (Боливарианская Республика)",
        "NLD": "Нидерланды (Королевство)",
        "ARE": "Объединенные Арабские Эмираты",
        "ZAF": "Южная Африка",
        "MMR": "Мьянма",
        "VAT": "Святой Престол",
        "PSE": "Государство Палестина",
    },
    "ar": {
        "BRN": "بروني دار السلام",
        "PRK": "جمهورية كوريا الشعبية الديمقراطية",
        "COD": "جمهورية الكونغو الديمقراطية",
        "COG": "الكونغو",
        "CIV": "كوت ديفوار",
        "CPV": "كابو فيردي",
        "CZE": "تشيكيا",
        "FSM": "ميكرونيزيا (ولايات - الموحدة)",
        "IRN": "إيران (جمهورية - الإسلامية)",
        "BOL": "بوليفيا (دولة - المتعددة القوميات)",
        "LAO": "جمهورية لاو الديمقراطية الشعبية",
        "MDA": "جمهورية مولدوفا",
        "KOR": "جمهورية كوريا",
        "RUS": "الاتحاد الروسي",
        "SYR": "الجمهورية العربية السورية",
        "GBR": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "TZA": "جمهورية تنزانيا المتحدة",
        "USA": "الولايات المتحدة الأمريكية",
        "VEN": "فنزويلا (جمهورية - البوليفارية)",
        "VNM": "فييت نام",
        "NLD": "هولندا (مملكة -)",
        "MMR": "ميانمار",
        "DOM": "الجمهورية الدومينيكية",
        "OMN": "عمان",
        "VAT": "الكرسي الرسولي",
        "PSE": "دولة فلسطين",
    },
    "zh": {
        "BOL": "多民族玻利维亚国",
        "BRN": "文莱达鲁萨兰国",
        "COG": "刚果",
        "COD": "刚果民主共和国",
        "PRK": "朝鲜民主主义人民共和国",
        "KOR": "大韩民国",
        "IRN": "伊朗伊斯兰共和国",
        "LAO": "老挝人民民主共和国",
        "FSM": "密克罗尼西亚联邦",
        "MDA": "摩尔多瓦共和国",
        "RUS": "俄罗斯联邦",
        "SYR": "阿拉伯叙利亚共和国",
        "TZA": "坦桑尼亚联合共和国",
        "GBR": "大不列颠及北爱尔兰联合王国",
        "USA": "美利坚合众国",
        "VEN": "委内瑞拉玻利瓦尔共和国",
        "SWZ": "埃斯瓦蒂尼",
        "VAT": "教廷",
        "PSE": "巴勒斯坦国",
    },
}

# Delegations whose formal name is their short name in every language.
FORMAL_IS_SHORT = frozenset(
    "RUS KOR PRK LAO SYR TZA MDA GBR USA COD VAT PSE BRN".split()
)

# --- UN formal names where neither the short name nor iso-codes give them ---
FORMAL_OVERRIDES: dict[str, dict[str, str]] = {
    "en": {
        "ERI": "State of Eritrea",
        "MMR": "Republic of the Union of Myanmar",
        "LBY": "State of Libya",
        "MKD": "Republic of North Macedonia",
        "CZE": "Czech Republic",
        "SWZ": "Kingdom of Eswatini",
        "CPV": "Republic of Cabo Verde",
        "COG": "Republic of the Congo",
        "VNM": "Socialist Republic of Viet Nam",
    },
    "fr": {
        "CIV": "République de Côte d'Ivoire",
        "CPV": "République de Cabo Verde",
        "VNM": "République socialiste du Viet Nam",
        "TUR": "République de Türkiye",
        "ERI": "État d'Érythrée",
    },
    "es": {
        "CIV": "República de Côte d'Ivoire",
        "CPV": "República de Cabo Verde",
        "VNM": "República Socialista de Viet Nam",
        "TUR": "República de Türkiye",
        "RUS": "Federación de Rusia",
        "TLS": "República Democrática de Timor-Leste",
    },
    "ru": {
        "KGZ": "Кыргызская Республика",
        "URY": "Восточная Республика Уругвай",
        "TLS": "Демократическая Республика Тимор-Лешти",
        "FSM": "Федеративные Штаты Микронезии",
        "NLD": "Королевство Нидерландов",
        "IRN": "Исламская Республика Иран",
    },
    "ar": {
        "DEU": "جمهورية ألمانيا الاتحادية",
        "BLR": "جمهورية بيلاروس",
        "GRC": "الجمهورية الهيلينية",
        "SRB": "جمهورية صربيا",
        "TLS": "جمهورية تيمور - ليشتي الديمقراطية",
        "VNM": "جمهورية فييت نام الاشتراكية",
        "HUN": "هنغاريا",
        "MNE": "الجبل الأسود",
        "FRA": "الجمهورية الفرنسية",
        "COM": "اتحاد جزر القمر",
        "ZAF": "جمهورية جنوب أفريقيا",
        "CIV": "جمهورية كوت ديفوار",
        "CPV": "جمهورية كابو فيردي",
    },
    "zh": {
        "CZE": "捷克共和国",
        "NLD": "荷兰王国",
        "SWZ": "埃斯瓦蒂尼王国",
    },
}

# --- Usual alternative spellings, any language ---
VARIANTS: dict[str, list[str]] = {
    "DEU": ["Federal Republic of Germany", "Allemagne", "Alemania", "Германия", "ألمانيا",
            "德意志联邦共和国", "德国"],
    "USA": ["USA", "U.S.A.", "US", "U.S.", "United States", "美国", "美利坚合众国",
            "États-Unis", "Estados Unidos", "Соединенные Штаты", "США", "الولايات المتحدة"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Great Britain", "Britain", "联合王国", "英国",
            "Royaume-Uni", "Reino Unido", "Соединенное Королевство", "Великобритания",
            "المملكة المتحدة"],
    "KOR": ["South Korea", "ROK", "韩国", "大韩民国", "Corée du Sud", "Corea del Sur",
            "Южная Корея", "كوريا الجنوبية"],
    "PRK": ["North Korea", "DPRK", "朝鲜", "朝鲜民主主义人民共和国", "Corée du Nord",
            "Corea del Norte", "КНДР", "Северная Корея", "كوريا الشمالية"],
    "RUS": ["Russia", "俄罗斯", "俄罗斯联邦", "Russie", "Rusia", "Россия", "روسيا"],
    "PSE": ["Palestine", "巴勒斯坦", "巴勒斯坦国", "Palestina", "Палестина", "فلسطين",
            "State of Palestine"],
    "VAT": ["Vatican", "Holy See (Vatican City State)", "梵蒂冈", "罗马教廷", "Vatican City"],
    "CHN": ["中华人民共和国", "People's Republic of China", "PRC"],
    "TUR": ["Turkey", "Republic of Turkey", "土耳其共和国", "Turquie", "Turquía", "Тюркийе",
            "Turkiye"],
    "NLD": ["Netherlands", "Kingdom of the Netherlands", "Holland", "荷兰", "荷兰王国",
            "Pays-Bas", "Países Bajos", "Нидерланды", "هولندا"],
    "CZE": ["Czech Republic", "捷克共和国", "République tchèque", "República Checa",
            "Чешская Республика"],
    "CIV": ["Ivory Coast", "Côte d’Ivoire", "Costa de Marfil", "ساحل العاج", "象牙海岸"],
    "CPV": ["Cape Verde", "佛得角共和国", "Cap-Vert"],
    "SWZ": ["Swaziland", "斯威士兰", "Kingdom of Swaziland", "Свазиленд"],
    "MKD": ["The former Yugoslav Republic of Macedonia", "Macedonia",
            "前南斯拉夫的马其顿共和国", "北马其顿共和国"],
    "IRN": ["Iran", "伊朗", "Islamic Republic of Iran"],
    "BOL": ["Bolivia", "玻利维亚", "玻利维亚多民族国", "Plurinational State of Bolivia"],
    "VEN": ["Venezuela", "委内瑞拉", "Bolivarian Republic of Venezuela"],
    "SYR": ["Syria", "叙利亚", "叙利亚阿拉伯共和国", "Syrie", "Siria", "Сирия", "سوريا"],
    "LAO": ["Laos", "Lao PDR", "老挝", "Лаос"],
    "VNM": ["Vietnam", "越南", "Вьетнам", "فيتنام"],
    "TZA": ["Tanzania", "坦桑尼亚", "Tanzanie", "Танзания"],
    "MDA": ["Moldova", "摩尔多瓦", "Moldavie", "Молдова"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa", "刚果（金）", "Zaire"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "刚果（布）", "刚果共和国"],
    "MMR": ["Burma", "缅甸联邦共和国"],
    "TLS": ["East Timor", "Восточный Тимор", "东帝汶"],
    "BRN": ["Brunei", "文莱"],
    "ARE": ["UAE", "ОАЭ", "阿联酋"],
    "SAU": ["沙特"],
    "KGZ": ["Kirghizstan", "Киргизия"],
    "BLR": ["Biélorussie", "Bielorrusia", "Белоруссия"],
    "ZAF": ["Южно-Африканская Республика"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas", "Багамы"],
    "CHE": ["Swiss Confederation"],
    "NZL": ["Nueva Zelanda"],
    "SMR": ["Saint-Marin"],
}

# --- Organisations and other entities that speak in UN meetings ---
# (code, short names ar/zh/en/fr/ru/es, formal names or None, variants)
ORGANISATIONS: list[tuple[str, dict[str, str], dict[str, str] | None, list[str]]] = [
    ("EU", {"ar": "الاتحاد الأوروبي", "zh": "欧洲联盟", "en": "European Union",
            "fr": "Union européenne", "ru": "Европейский союз", "es": "Unión Europea"},
     None, ["EU", "欧盟", "UE", "ЕС", "Евросоюз"]),
    ("AU", {"ar": "الاتحاد الأفريقي", "zh": "非洲联盟", "en": "African Union",
            "fr": "Union africaine", "ru": "Африканский союз", "es": "Unión Africana"},
     None, ["AU", "非盟", "UA", "АС"]),
    ("ICRC", {"ar": "اللجنة الدولية للصليب الأحمر", "zh": "红十字国际委员会",
              "en": "International Committee of the Red Cross",
              "fr": "Comité international de la Croix-Rouge",
              "ru": "Международный комитет Красного Креста",
              "es": "Comité Internacional de la Cruz Roja"},
     None, ["ICRC", "CICR", "МККК", "红十字委员会"]),
    ("IFRC", {"ar": "الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر",
              "zh": "红十字会与红新月会国际联合会",
              "en": "International Federation of Red Cross and Red Crescent Societies",
              "fr": "Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge",
              "ru": "Международная федерация обществ Красного Креста и Красного Полумесяца",
              "es": "Federación Internacional de Sociedades de la Cruz Roja y de la Media Luna Roja"},
     None, ["IFRC", "红十字与红新月联会", "МФОКК и КП"]),
    ("INTERPOL", {"ar": "المنظمة الدولية للشرطة الجنائية", "zh": "国际刑事警察组织",
                  "en": "International Criminal Police Organization",
                  "fr": "Organisation internationale de police criminelle",
                  "ru": "Международная организация уголовной полиции",
                  "es": "Organización Internacional de Policía Criminal"},
     None, ["INTERPOL", "ICPO-INTERPOL", "国际刑警组织", "Интерпол", "الإنتربول", "الانتربول"]),
    ("IAEA", {"ar": "الوكالة الدولية للطاقة الذرية", "zh": "国际原子能机构",
              "en": "International Atomic Energy Agency",
              "fr": "Agence internationale de l'énergie atomique",
              "ru": "Международное агентство по атомной энергии",
              "es": "Organismo Internacional de Energía Atómica"},
     None, ["IAEA", "AIEA", "OIEA", "МАГАТЭ", "原子能机构"]),
    ("OPCW", {"ar": "منظمة حظر الأسلحة الكيميائية", "zh": "禁止化学武器组织",
              "en": "Organisation for the Prohibition of Chemical Weapons",
              "fr": "Organisation pour l'interdiction des armes chimiques",
              "ru": "Организация по запрещению химического оружия",
              "es": "Organización para la Prohibición de las Armas Químicas"},
     None, ["OPCW", "OIAC", "OPAQ", "ОЗХО", "禁化武组织",
            "Organization for the Prohibition of Chemical Weapons"]),
    ("LAS", {"ar": "جامعة الدول العربية", "zh": "阿拉伯国家联盟", "en": "League of Arab States",
             "fr": "Ligue des États arabes", "ru": "Лига арабских государств",
             "es": "Liga de los Estados Árabes"},
     None, ["Arab League", "阿盟", "LEA", "ЛАГ"]),
    ("OIC", {"ar": "منظمة التعاون الإسلامي", "zh": "伊斯兰合作组织",
             "en": "Organisation of Islamic Cooperation",
             "fr": "Organisation de la coopération islamique",
             "ru": "Организация исламского сотрудничества",
             "es": "Organización de Cooperación Islámica"},
     None, ["OIC", "OCI", "ОИС", "伊斯兰会议组织", "Organization of Islamic Cooperation",
            "Organization of the Islamic Conference"]),
    ("SMOM", {"ar": "منظمة فرسان مالطة ذات السيادة", "zh": "马耳他主权军事教团",
              "en": "Sovereign Military Order of Malta",
              "fr": "Ordre souverain de Malte", "ru": "Мальтийский орден",
              "es": "Soberana Orden de Malta"},
     None, ["Order of Malta", "Ordre de Malte", "Orden de Malta", "马耳他骑士团",
            "Ordre souverain militaire hospitalier de Saint-Jean de Jérusalem, de Rhodes et de Malte",
            "Soberana Orden Militar de Malta"]),
    ("IOM", {"ar": "المنظمة الدولية للهجرة", "zh": "国际移民组织",
             "en": "International Organization for Migration",
             "fr": "Organisation internationale pour les migrations",
             "ru": "Международная организация по миграции",
             "es": "Organización Internacional para las Migraciones"},
     None, ["IOM", "OIM", "МОМ", "移民组织"]),
    ("UNRWA", {"ar": "وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين في الشرق الأدنى",
               "zh": "联合国近东巴勒斯坦难民救济和工程处",
               "en": "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
               "fr": "Office de secours et de travaux des Nations Unies pour les réfugiés de Palestine dans le Proche-Orient",
               "ru": "Ближневосточное агентство Организации Объединенных Наций для помощи палестинским беженцам и организации работ",
               "es": "Organismo de Obras Públicas y Socorro de las Naciones Unidas para los Refugiados de Palestina en el Cercano Oriente"},
     None, ["UNRWA", "近东救济工程处", "OOPS", "БАПОР", "الأونروا", "الاونروا"]),
    ("UNHCR", {"ar": "مفوضية الأمم المتحدة لشؤون اللاجئين",
               "zh": "联合国难民事务高级专员办事处",
               "en": "Office of the United Nations High Commissioner for Refugees",
               "fr": "Haut-Commissariat des Nations Unies pour les réfugiés",
               "ru": "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
               "es": "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados"},
     None, ["UNHCR", "难民署", "HCR", "ACNUR", "УВКБ"]),
    ("OHCHR", {"ar": "مفوضية الأمم المتحدة السامية لحقوق الإنسان",
               "zh": "联合国人权事务高级专员办事处",
               "en": "Office of the United Nations High Commissioner for Human Rights",
               "fr": "Haut-Commissariat des Nations Unies aux droits de l'homme",
               "ru": "Управление Верховного комиссара Организации Объединенных Наций по правам человека",
               "es": "Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos"},
     None, ["OHCHR", "人权高专办", "HCDH", "ACNUDH", "УВКПЧ"]),
    ("UNICEF", {"ar": "منظمة الأمم المتحدة للطفولة", "zh": "联合国儿童基金会",
                "en": "United Nations Children's Fund",
                "fr": "Fonds des Nations Unies pour l'enfance",
                "ru": "Детский фонд Организации Объединенных Наций",
                "es": "Fondo de las Naciones Unidas para la Infancia"},
     None, ["UNICEF", "儿基会", "ЮНИСЕФ", "اليونيسف"]),
    ("UNDP", {"ar": "برنامج الأمم المتحدة الإنمائي", "zh": "联合国开发计划署",
              "en": "United Nations Development Programme",
              "fr": "Programme des Nations Unies pour le développement",
              "ru": "Программа развития Организации Объединенных Наций",
              "es": "Programa de las Naciones Unidas para el Desarrollo"},
     None, ["UNDP", "开发署", "PNUD", "ПРООН"]),
    ("UNODC", {"ar": "مكتب الأمم المتحدة المعني بالمخدرات والجريمة",
               "zh": "联合国毒品和犯罪问题办公室",
               "en": "United Nations Office on Drugs and Crime",
               "fr": "Office des Nations Unies contre la drogue et le crime",
               "ru": "Управление Организации Объединенных Наций по наркотикам и преступности",
               "es": "Oficina de las Naciones Unidas contra la Droga y el Delito"},
     None, ["UNODC", "毒品和犯罪问题办公室", "ONUDC", "ЮНОДК"]),
    ("WHO", {"ar": "منظمة الصحة العالمية", "zh": "世界卫生组织",
             "en": "World Health Organization", "fr": "Organisation mondiale de la Santé",
             "ru": "Всемирная организация здравоохранения", "es": "Organización Mundial de la Salud"},
     None, ["WHO", "世卫组织", "OMS", "ВОЗ"]),
    ("WFP", {"ar": "برنامج الأغذية العالمي", "zh": "世界粮食计划署",
             "en": "World Food Programme", "fr": "Programme alimentaire mondial",
             "ru": "Всемирная продовольственная программа", "es": "Programa Mundial de Alimentos"},
     None, ["WFP", "粮食署", "PAM", "ВПП"]),
    ("FAO", {"ar": "منظمة الأغذية والزراعة للأمم المتحدة", "zh": "联合国粮食及农业组织",
             "en": "Food and Agriculture Organization of the United Nations",
             "fr": "Organisation des Nations Unies pour l'alimentation et l'agriculture",
             "ru": "Продовольственная и сельскохозяйственная организация Объединенных Наций",
             "es": "Organización de las Naciones Unidas para la Alimentación y la Agricultura"},
     None, ["FAO", "粮农组织", "ФАО", "الفاو"]),
    ("ILO", {"ar": "منظمة العمل الدولية", "zh": "国际劳工组织",
             "en": "International Labour Organization", "fr": "Organisation internationale du Travail",
             "ru": "Международная организация труда", "es": "Organización Internacional del Trabajo"},
     None, ["ILO", "劳工组织", "OIT", "МОТ"]),
    ("UNESCO", {"ar": "منظمة الأمم المتحدة للتربية والعلم والثقافة",
                "zh": "联合国教育、科学及文化组织",
                "en": "United Nations Educational, Scientific and Cultural Organization",
                "fr": "Organisation des Nations Unies pour l'éducation, la science et la culture",
                "ru": "Организация Объединенных Наций по вопросам образования, науки и культуры",
                "es": "Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura"},
     None, ["UNESCO", "教科文组织", "ЮНЕСКО", "اليونسكو"]),
    ("OSCE", {"ar": "منظمة الأمن والتعاون في أوروبا", "zh": "欧洲安全与合作组织",
              "en": "Organization for Security and Co-operation in Europe",
              "fr": "Organisation pour la sécurité et la coopération en Europe",
              "ru": "Организация по безопасности и сотрудничеству в Европе",
              "es": "Organización para la Seguridad y la Cooperación en Europa"},
     None, ["OSCE", "欧安组织", "ОБСЕ"]),
    ("COE", {"ar": "مجلس أوروبا", "zh": "欧洲委员会", "en": "Council of Europe",
             "fr": "Conseil de l'Europe", "ru": "Совет Европы", "es": "Consejo de Europa"},
     None, ["欧洲理事会"]),
    ("ASEAN", {"ar": "رابطة أمم جنوب شرق آسيا", "zh": "东南亚国家联盟",
               "en": "Association of Southeast Asian Nations",
               "fr": "Association des nations de l'Asie du Sud-Est",
               "ru": "Ассоциация государств Юго-Восточной Азии",
               "es": "Asociación de Naciones de Asia Sudoriental"},
     None, ["ASEAN", "东盟", "АСЕАН", "ANASE", "آسيان"]),
    ("CARICOM", {"ar": "الجماعة الكاريبية", "zh": "加勒比共同体", "en": "Caribbean Community",
                 "fr": "Communauté des Caraïbes", "ru": "Карибское сообщество",
                 "es": "Comunidad del Caribe"},
     None, ["CARICOM", "加共体", "КАРИКОМ"]),
    ("GCC", {"ar": "مجلس التعاون لدول الخليج العربية", "zh": "海湾阿拉伯国家合作委员会",
             "en": "Gulf Cooperation Council", "fr": "Conseil de coopération du Golfe",
             "ru": "Совет сотрудничества стран Залива", "es": "Consejo de Cooperación del Golfo"},
     {"en": "Cooperation Council for the Arab States of the Gulf"},
     ["GCC", "海合会", "ССЗ"]),
    ("IPU", {"ar": "الاتحاد البرلماني الدولي", "zh": "各国议会联盟", "en": "Inter-Parliamentary Union",
             "fr": "Union interparlementaire", "ru": "Межпарламентский союз",
             "es": "Unión Interparlamentaria"},
     None, ["IPU", "议会联盟", "UIP", "МПС"]),
    ("ICC", {"ar": "المحكمة الجنائية الدولية", "zh": "国际刑事法院", "en": "International Criminal Court",
             "fr": "Cour pénale internationale", "ru": "Международный уголовный суд",
             "es": "Corte Penal Internacional"},
     None, ["CPI", "МУС"]),
    ("OIF", {"ar": "المنظمة الدولية للفرنكوفونية", "zh": "法语国家国际组织",
             "en": "International Organization of la Francophonie",
             "fr": "Organisation internationale de la Francophonie",
             "ru": "Международная организация франкоязычных стран",
             "es": "Organización Internacional de la Francofonía"},
     None, ["OIF", "Francophonie", "Франкофония"]),
    ("WB", {"ar": "البنك الدولي", "zh": "世界银行", "en": "World Bank", "fr": "Banque mondiale",
            "ru": "Всемирный банк", "es": "Banco Mundial"},
     None, ["World Bank Group", "世行", "Groupe de la Banque mondiale", "Grupo Banco Mundial"]),
    ("IMF", {"ar": "صندوق النقد الدولي", "zh": "国际货币基金组织", "en": "International Monetary Fund",
             "fr": "Fonds monétaire international", "ru": "Международный валютный фонд",
             "es": "Fondo Monetario Internacional"},
     None, ["IMF", "基金组织", "FMI", "МВФ"]),
]

_AR_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
_LATIN = re.compile("[A-Za-z]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_SCRIPT = {"ar": _ARABIC, "zh": _HAN, "ru": _CYRILLIC}


def clean(text: str, lang: str) -> str:
    """Tidy a name for display: NFC, curly apostrophes, Arabic vowel marks, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    text = text.replace("（", "(").replace("）", ")")
    text = text.replace("\u0301", "")  # Russian stress marks in iso-codes
    if lang == "ar":
        text = _AR_HARAKAT.sub("", text)
        text = re.sub(r"(?<=\S) و (?=\S)", " و", text)
    return " ".join(text.split())


def right_script(text: str, lang: str) -> bool:
    if lang in _SCRIPT:
        return bool(_SCRIPT[lang].search(text)) and not _LATIN.search(text)
    return bool(_LATIN.search(text))


def uninvert(name: str) -> str | None:
    """``Iran (Islamic Republic of)`` → ``Islamic Republic of Iran``; Arabic ``X (Y - Z)`` → ``Y X Z``."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not m:
        return None
    head, inner = m.group(1).strip(), m.group(2).strip()
    if " - " in inner or inner.endswith(" -") or inner.startswith("- "):  # Arabic placeholder
        return " ".join(inner.replace("-", head, 1).split())
    if inner.endswith("'"):
        return f"{inner}{head}"
    return f"{inner} {head}"


def iso_translators() -> dict[str, gettext.NullTranslations]:
    out = {}
    for lang, loc in (("fr", "fr"), ("es", "es"), ("ru", "ru"), ("ar", "ar"), ("zh", "zh_CN")):
        out[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
    return out


def build_states() -> list[dict]:
    locales = {lang: Locale.parse(lang) for lang in LANGS}
    iso = iso_translators()
    rows = []
    for a3 in sorted(UN_MEMBERS | set(OBSERVER_STATES)):
        c = pycountry.countries.get(alpha_3=a3)
        assert c is not None, a3
        names, formal, variants = {}, {}, []
        official_en = getattr(c, "official_name", None)
        for lang in LANGS:
            cldr = locales[lang].territories.get(c.alpha_2)
            if lang == "en":
                base = c.name if "," not in c.name else cldr
            else:
                base = cldr
            short = SHORT_OVERRIDES.get(lang, {}).get(a3) or base
            names[lang] = clean(short, lang)
            if cldr:
                variants.append(clean(cldr, lang))
            # formal
            f = FORMAL_OVERRIDES.get(lang, {}).get(a3)
            if not f and a3 in FORMAL_IS_SHORT:
                f = names[lang]
            if not f and "(" in names[lang]:
                f = uninvert(names[lang])
            if not f and official_en:
                if lang == "en":
                    f = official_en
                else:
                    t = iso[lang].gettext(official_en)
                    if t != official_en and "," not in t and "،" not in t and right_script(t, lang):
                        f = t
            un_short = SHORT_OVERRIDES.get(lang, {}).get(a3)
            if f and cldr and un_short and "(" not in un_short and a3 not in FORMAL_IS_SHORT \
                    and a3 not in FORMAL_OVERRIDES.get(lang, {}) and cldr != un_short:
                f = f.replace(cldr, un_short)
            formal[lang] = clean(f or names[lang], lang)
            if lang != "en":
                t = iso[lang].gettext(c.name)
                if t != c.name and "," not in t and "،" not in t and right_script(t, lang):
                    variants.append(clean(t, lang))
            inv = uninvert(names[lang])
            if inv:
                variants.append(inv)
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                variants.append(v)
        variants.extend(VARIANTS.get(a3, []))
        kind = "state" if a3 in UN_MEMBERS else "observer-state"
        rows.append(finish(a3, kind, names, formal, variants))
    return rows


def build_organisations() -> list[dict]:
    rows = []
    for code, short, formal, variants in ORGANISATIONS:
        names = {lang: clean(short[lang], lang) for lang in LANGS}
        form = {lang: clean((formal or {}).get(lang) or short[lang], lang) for lang in LANGS}
        rows.append(finish(code, "organisation", names, form, list(variants)))
    return rows


def finish(code, kind, names, formal, variants) -> dict:
    own = set(names.values()) | set(formal.values())
    seen, out = set(), []
    for v in variants:
        v = clean(v, "ar" if _ARABIC.search(v) else "en")
        if v and v not in own and v not in seen:
            seen.add(v)
            out.append(v)
    for lang in LANGS:
        assert names[lang], (code, lang)
        assert "\t" not in names[lang] + formal[lang] and "|" not in names[lang] + formal[lang]
    return {"code": code, "kind": kind, "names": names, "formal": formal, "variants": out}


def write(rows: list[dict]) -> None:
    header = ["code", "kind"] + [f"name_{l}" for l in LANGS] + [f"formal_{l}" for l in LANGS] + ["variants"]
    lines = ["\t".join(header)]
    for r in rows:
        cells = [r["code"], r["kind"]] + [r["names"][l] for l in LANGS] + [r["formal"][l] for l in LANGS]
        cells.append("|".join(r["variants"]))
        lines.append("\t".join(cells))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_alpha2() -> int:
    """One line per State of the table: ``alpha2<TAB>alpha3``, sorted by alpha-2."""
    pairs = sorted((pycountry.countries.get(alpha_3=a3).alpha_2, a3) for a3 in UN_MEMBERS | set(OBSERVER_STATES))
    assert len({a2 for a2, _ in pairs}) == len(pairs), "duplicate alpha-2 codes"
    ALPHA2_OUT.write_text("alpha2\talpha3\n" + "".join(f"{a2}\t{a3}\n" for a2, a3 in pairs), encoding="utf-8")
    return len(pairs)


def check(rows: list[dict]) -> None:
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate codes"
    states = {r["code"] for r in rows if r["kind"] == "state"}
    assert states == UN_MEMBERS and len(states) == 193, "member list mismatch"
    # Verify with the runtime module that no normalised name is ambiguous.
    delegations.reload()
    clashes = delegations.ambiguous_keys()
    if clashes:
        for key, found in sorted(clashes.items()):
            print(f"ambiguous: {key!r} -> {sorted(found)}", file=sys.stderr)
        raise SystemExit("ambiguous names; fix the overrides/variants")


def main() -> None:
    rows = build_states() + build_organisations()
    write(rows)
    check(rows)
    n_var = sum(len(r["variants"]) for r in rows)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("state", "observer-state", "organisation")}
    print(f"wrote {OUT.name}: {len(rows)} delegations {kinds}, {n_var} variants")
    print(f"wrote {ALPHA2_OUT.name}: {write_alpha2()} alpha-2 codes")


if __name__ == "__main__":
    main()

"""The UN-style sample records of the tests, in one place: records written for the tests in the
layout of real UN summary records (the seed's Chinese layout, and the English, French, Spanish,
Russian and Arabic ones), hostile records carrying markup, and the facts of the bundled seed
that the tests check.

Records are given as text (``dict`` values keyed by language code) and written to a folder
with the UN file names (``A_AC.99_SR.7.en.txt``) by :func:`write_versions`; a record manifest
beside them by :func:`write_manifest`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support.paths import SEED

# ---- the bundled seed (corpus/S_AC.44_SR.74.zh.txt) ------------------------------------------

SEED_SYMBOL = "S/AC.44/SR.74"
WIESBADEN = "威斯巴登进程"
WIESBADEN_PARAS = [10, 13, 16, 18, 23, 28]  # the paragraphs that say it


# ---- files ----------------------------------------------------------------------------------

def file_name(symbol: str, lang: str, suffix: str = ".txt") -> str:
    """The UN file name of one language version: ``A/AC.99/SR.7`` in English → ``A_AC.99_SR.7.en.txt``."""
    return f"{symbol.replace('/', '_')}.{lang}{suffix}"


def write_versions(folder: Path, symbol: str, versions: dict[str, str]) -> Path:
    """Write the language versions (lang → text) of ``symbol`` into ``folder``, named the UN way."""
    folder.mkdir(parents=True, exist_ok=True)
    for lang, text in versions.items():
        (folder / file_name(symbol, lang)).write_text(text, encoding="utf-8")
    return folder


def seed_copy(meeting: int, extra: str = "") -> str:
    """The seed under another symbol (``S/AC.44/SR.<meeting>``), with ``extra`` added to paragraph 1."""
    text = SEED.read_text(encoding="utf-8").replace("SR.74", f"SR.{meeting}")
    if extra:
        text = text.replace("1. 议程通过。", f"1. 议程通过。{extra}")
    return text


def write_seed_copy(folder: Path, meeting: int, extra: str = "") -> Path:
    """:func:`seed_copy` written to ``folder`` as ``S_AC.44_SR.<meeting>.zh.txt``."""
    path = folder / f"S_AC.44_SR.{meeting}.zh.txt"
    path.write_text(seed_copy(meeting, extra), encoding="utf-8")
    return path


# ---- the seed's Chinese layout, generated ------------------------------------------------------

def summary_record(meeting: int, day: str, chair: str, section: str, paragraphs: list[str]) -> str:
    """A Chinese summary record ``S/AC.44/SR.<meeting>`` laid out as the seed is.

    ``day`` is written the Chinese way (``2016年11月30日星期三``); each paragraph is numbered.
    """
    body = "\n\n".join(f"{n}. {text}" for n, text in enumerate(paragraphs, 1))
    return f"""联合国 $S_{{AC.44/SR.{meeting}}}$

安全理事会

Chinese

安全理事会第 1540 (2004) 号决议 所设委员会

第{meeting}次会议简要记录

{day}上午10时在纽约总部举行

主席: {chair}先生......(西班牙)

上午10时10分宣布开会。

{section}

{body}

上午11时散会。
"""


# ---- markup in records (they must show as text) ---------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

# Markup in the delegation, section, chair and text. (The parser's speaker-name grammar
# admits no markup, so names cannot carry it.)
HOSTILE_SYMBOL = "S/AC.44/SR.99"
HOSTILE_RECORD = summary_record(99, "2016年11月30日星期三", "测试<b>主席</b>", f"专题讨论:{SCRIPT}", [
    f"**Mallory** 先生({IMG}{SCRIPT}观察员)说,注入测试段落 {SCRIPT} 以及 {IMG} 都应当显示为文本。此段提到透明度外联。",
    "**Evil** 先生(德国)说,第二段 <img src=x onerror=alert(2)> 提到防扩散与出口管制。",
])


def write_corpus(folder: Path) -> Path:
    """The web tests' corpus: the seed and :data:`HOSTILE_RECORD`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / file_name(HOSTILE_SYMBOL, "zh")).write_text(HOSTILE_RECORD, encoding="utf-8")
    return folder


# Stored and reflected XSS: payloads that set ``window.__xss`` (or ``window.xss``, once the parser
# has dropped markdown's "__") if they ever run; XSS_RECORD carries them in its text, delegation
# and section.
XSS_SYMBOL = "S/AC.44/SR.98"
XSS_WORD = "跨站测试"
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '"><img src=x onerror="window.__xss=2;alert(2)">',
    "<a href=\"javascript:window.__xss=3;alert(3)\">点我</a>",
    "javascript:window.__xss=4;alert(4)",
    "<svg onload=window.__xss=5;alert(5)>",
    "<iframe srcdoc=\"<script>parent.__xss=6</script>\"></iframe>",
    "' onmouseover='window.__xss=7' x='",
    "</textarea></title><script>window.__xss=8</script>",
    "<mark onclick=window.__xss=9>x</mark>",
    "data:text/html,<script>window.__xss=10</script>",
]
XSS_RECORD = summary_record(98, "2016年11月30日星期三", "测试", f"专题讨论:{PAYLOADS[0]}{PAYLOADS[3]}", [
    f"**Mallory** 先生({PAYLOADS[1]}观察员)说,{XSS_WORD}段落 " + " ".join(PAYLOADS) + " 都应当显示为文本。",
    f"**Evil** 先生(德国)说,{XSS_WORD}第二段 [链接](javascript:alert(1)) <a href='javascript:alert(2)'>x</a>。",
])


def write_xss_corpus(folder: Path) -> Path:
    """The web attack tests' corpus: the seed and :data:`XSS_RECORD`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / file_name(XSS_SYMBOL, "zh")).write_text(XSS_RECORD, encoding="utf-8")
    return folder


# ---- A/AC.99/SR.7: one meeting in the UN languages ----------------------------------------------
# Two variants, each checked by its own tests (what they assert depends on every line):

SR7_SYMBOL = "A/AC.99/SR.7"

# For the parser (tests/indexer/test_parse_languages.py): five languages (no Chinese), each with
# a contents list and an agenda heading, and speakers with every kind of role (an observer, "in
# his national capacity", an Under-Secretary-General, the Chair).
SR7_FIVE_LANGUAGES = {
    "en": """United Nations A/AC.99/SR.7

Summary record of the 7th meeting
Held at Headquarters, New York, on Wednesday, 22 June 2016, at 3 p.m.
Chair: Mr. Oyarzun Marchesi (Spain)

Contents
Outreach

The meeting was called to order at 3.10 p.m.
Outreach
1. Mr. Anton (Observer for Germany) said that industry was the first line of defence.
2. His delegation welcomed the meeting in the Republic of Korea.
3. Ms. Kim Heun Jin (Observer for the Republic of Korea) said that outreach to industry mattered.
4. Mr. Cupitt (United States of America), speaking in his national capacity, said that his delegation had circulated a paper.
5. Mr. Kim Won-soo (Under-Secretary-General and High Representative for Disarmament Affairs) said that gaps had emerged.
6. The Chair said that the review had been useful.
The meeting rose at 5.10 p.m.
""",
    "fr": """Nations Unies A/AC.99/SR.7

Compte rendu analytique de la 7e séance
Tenue au Siège, à New York, le mercredi 22 juin 2016, à 15 heures
Président : M. Oyarzun Marchesi (Espagne)

Table des matières
Sensibilisation

La séance est ouverte à 15 h 10.
Sensibilisation
1. M. Anton (Observateur de l'Allemagne) dit que l'industrie est la première ligne de défense.
2. Sa délégation se félicite de la réunion prévue en République de Corée.
3. Mme Kim Heun Jin (Observatrice de la République de Corée) dit que la sensibilisation est importante.
4. M. Cupitt (États-Unis d'Amérique), parlant en sa qualité de représentant de son pays, dit que sa délégation a distribué un document.
5. Le Président dit que l'examen a été utile.
La séance est levée à 17 h 10.
""",
    "es": """Naciones Unidas A/AC.99/SR.7

Acta resumida de la 7ª sesión
Celebrada en la Sede, Nueva York, el miércoles 22 de junio de 2016, a las 15.00 horas
Presidencia: Sr. Oyarzun Marchesi (España)

Índice
Divulgación

Se declara abierta la sesión a las 15.10 horas.
Divulgación
1. El Sr. Anton (Observador de Alemania) dice que la industria es la primera línea de defensa.
2. Su delegación celebra la reunión en la República de Corea.
3. La Sra. Kim Heun Jin (Observadora de la República de Corea) dice que la divulgación es importante.
4. El Presidente dice que el examen ha sido útil.
Se levanta la sesión a las 17.10 horas.
""",
    "ru": """Организация Объединенных Наций A/AC.99/SR.7

Краткий отчет о 7-м заседании,
состоявшемся в Центральных учреждениях, Нью-Йорк, в среду, 22 июня 2016 года, в 15 ч. 00 м.
Председатель: г-н Ояргун Марчеси (Испания)

Содержание
Пропаганда

Заседание открывается в 15 ч. 10 м.
Пропаганда
1. Г-н Антон (наблюдатель от Германии) говорит, что промышленность является первой линией обороны.
2. Его делегация приветствует совещание в Республике Корея.
3. Г-жа Ким Хын Джин (наблюдатель от Республики Корея) говорит, что работа с промышленностью важна.
4. Председатель говорит, что обзор был полезным.
Заседание закрывается в 17 ч. 10 м.
""",
    "ar": """الأمم المتحدة A/AC.99/SR.7

محضر موجز للجلسة 7
المعقودة في المقر، نيويورك، يوم الأربعاء، 22 حزيران/يونيه 2016، الساعة 15:00
الرئيس: السيد أويارثون مارتشيسي (إسبانيا)

المحتويات
التوعية

افتتحت الجلسة الساعة 15:10.
التوعية
1. السيد أنتون (المراقب عن ألمانيا): قال إن الصناعة هي خط الدفاع الأول.
2. وأضاف أن وفده يرحب بالاجتماع في جمهورية كوريا.
3. السيدة كيم هيون جين (المراقبة عن جمهورية كوريا): قالت إن التوعية مهمة.
4. الرئيس: قال إن الاستعراض كان مفيدا.
رفعت الجلسة الساعة 17:10.
""",
}

# For search (tests/search/test_multilingual.py): all six languages, the same paragraph numbers
# (1 and 2 in each, 3 in en, zh and fr only), no agenda; the Arabic paragraph 2 carries
# diacritics (مُبَادَرَةَ).
SR7_SIX_LANGUAGES = {
    "en": """United Nations A/AC.99/SR.7

Summary record of the 7th meeting
Held at Headquarters, New York, on Wednesday, 22 June 2016, at 3 p.m.
Chair: Mr. Oyarzun Marchesi (Spain)

The meeting was called to order at 3.10 p.m.
1. Mr. Anton (Observer for Germany) said that industry was the first line of defence.
2. His delegation welcomed the meeting in the Republic of Korea.
3. Mr. Wang Qun (China) said that China supported the work of the Committee.
The meeting rose at 5.10 p.m.
""",
    "zh": """联合国 A/AC.99/SR.7

第7次会议简要记录
2016年6月22日星期三下午3时在纽约总部举行
主席: 奥亚尔孙•马切西先生(西班牙)

下午3时10分宣布开会。
1. Anton先生(德国观察员)说,工业是第一道防线。
2. 他说,德国代表团欢迎在大韩民国举行会议。
3. 王群先生(中国)说,中国支持委员会的工作,并愿与各方加强合作。
下午5时10分散会。
""",
    "fr": """Nations Unies A/AC.99/SR.7

Compte rendu analytique de la 7e séance
Tenue au Siège, à New York, le mercredi 22 juin 2016, à 15 heures
Président : M. Oyarzun Marchesi (Espagne)

La séance est ouverte à 15 h 10.
1. M. Anton (Observateur de l'Allemagne) dit que l'industrie est la première ligne de défense.
2. Sa délégation se félicite de la réunion prévue en République de Corée.
3. M. Wang Qun (Chine) dit que la Chine appuie les travaux du Comité.
La séance est levée à 17 h 10.
""",
    "es": """Naciones Unidas A/AC.99/SR.7

Acta resumida de la 7ª sesión
Celebrada en la Sede, Nueva York, el miércoles 22 de junio de 2016, a las 15.00 horas
Presidencia: Sr. Oyarzun Marchesi (España)

Se declara abierta la sesión a las 15.10 horas.
1. El Sr. Anton (Observador de Alemania) dice que la industria es la primera línea de defensa.
2. Su delegación celebra las reuniones en la República de Corea.
Se levanta la sesión a las 17.10 horas.
""",
    "ru": """Организация Объединенных Наций A/AC.99/SR.7

Краткий отчет о 7-м заседании,
состоявшемся в Центральных учреждениях, Нью-Йорк, в среду, 22 июня 2016 года, в 15 ч. 00 м.
Председатель: г-н Ояргун Марчеси (Испания)

Заседание открывается в 15 ч. 10 м.
1. Г-н Антон (наблюдатель от Германии) говорит, что промышленность является первой линией обороны.
2. Германия приветствует совещание в Республике Корея.
Заседание закрывается в 17 ч. 10 м.
""",
    "ar": """الأمم المتحدة A/AC.99/SR.7

محضر موجز للجلسة 7
المعقودة في المقر، نيويورك، يوم الأربعاء، 22 حزيران/يونيه 2016، الساعة 15:00
الرئيس: السيد أويارثون مارتشيسي (إسبانيا)

افتتحت الجلسة الساعة 15:10.
1. السيد أنتون (المراقب عن ألمانيا): قال إن الصناعة هي خط الدفاع الأول.
2. وأضاف أن وفده يدعم مُبَادَرَةَ ألمانيا في جمهورية كوريا.
رفعت الجلسة الساعة 17:10.
""",
}


# ---- A/AC.99/SR.8 ---------------------------------------------------------------------------------

# One meeting in three languages: the versions of PARALLEL_SYMBOL for the parallel view. The
# French version lacks paragraph 5 (an empty cell side by side) and carries markup in its text.
PARALLEL_SYMBOL = "A/AC.99/SR.8"
PARALLEL_RECORDS = {
    "en": """United Nations A/AC.99/SR.8

Summary record of the 8th meeting
Held at Headquarters, New York, on Thursday, 23 June 2016, at 10 a.m.
Chair: Mr. Oyarzun Marchesi (Spain)

Contents
Outreach

The meeting was called to order at 10.10 a.m.
Outreach
1. Mr. Anton (Observer for Germany) said that export control was the first line of defence.
2. His delegation welcomed the Wiesbaden Process and its outreach to industry.
3. Ms. Kim Heun Jin (Observer for the Republic of Korea) said that outreach to academia mattered.
4. Mr. Cupitt (United States of America), speaking in his national capacity, said that his delegation had circulated a paper.
5. The Chair said that the review of export control had been useful.
The meeting rose at 12.10 p.m.
""",
    "fr": f"""Nations Unies A/AC.99/SR.8

Compte rendu analytique de la 8e séance
Tenue au Siège, à New York, le jeudi 23 juin 2016, à 10 heures
Président : M. Oyarzun Marchesi (Espagne)

Table des matières
Sensibilisation

La séance est ouverte à 10 h 10.
Sensibilisation
1. M. Anton (Observateur de l'Allemagne) dit que le contrôle des exportations est la première ligne de défense.
2. Sa délégation se félicite du Processus de Wiesbaden {SCRIPT} et de la sensibilisation de l'industrie {IMG}.
3. Mme Kim Heun Jin (Observatrice de la République de Corée) dit que la sensibilisation des universités est importante.
4. M. Cupitt (États-Unis d'Amérique), parlant en sa qualité de représentant de son pays, dit que sa délégation a distribué un document.
La séance est levée à 12 h 10.
""",
    "ar": """الأمم المتحدة A/AC.99/SR.8

محضر موجز للجلسة 8
المعقودة في المقر، نيويورك، يوم الخميس، 23 حزيران/يونيه 2016، الساعة 10:00
الرئيس: السيد أويارثون مارتشيسي (إسبانيا)

المحتويات
التوعية

افتتحت الجلسة الساعة 10:10.
التوعية
1. السيد أنتون (المراقب عن ألمانيا): قال إن مراقبة الصادرات هي خط الدفاع الأول.
2. وأضاف أن وفده يرحب بعملية فيسبادن وبالتوعية في أوساط الصناعة.
3. السيدة كيم هيون جين (المراقبة عن جمهورية كوريا): قالت إن التوعية في الأوساط الأكاديمية مهمة.
4. السيد كابيت (الولايات المتحدة الأمريكية): قال إن وفده عمم ورقة.
5. الرئيس: قال إن استعراض مراقبة الصادرات كان مفيدا.
رفعت الجلسة الساعة 12:10.
""",
}


def write_parallel_corpus(folder: Path) -> Path:
    """The three versions of :data:`PARALLEL_SYMBOL`, as files named the UN way."""
    return write_versions(folder, PARALLEL_SYMBOL, PARALLEL_RECORDS)


# A Chinese A/AC.99/SR.8 where China speaks (beside a real English verbatim record that names China).
CHINA_SR8_ZH = """联合国 A/AC.99/SR.8

第8次会议简要记录
2020年3月5日星期四上午10时在纽约总部举行
主席: 奥亚尔孙•马切西先生(西班牙)

上午10时10分宣布开会。
1. 王群先生(中国)说,中国支持安全理事会的工作,并愿与各方加强合作。
2. 他说,中国代表团欢迎德国的倡议。
3. Anton先生(德国观察员)说,德国代表团支持出口管制。
上午11时散会。
"""

# The English A/AC.99/SR.8 as lines of a PDF's text layer (paragraph 1 runs over two lines).
PDF_SR8_EN_LINES = [
    "United Nations A/AC.99/SR.8",
    "Summary record of the 8th meeting",
    "Held at Headquarters, New York, on Thursday, 23 June 2016, at 10 a.m.",
    "Chair: Mr. Oyarzun Marchesi (Spain)",
    "The meeting was called to order at 10.05 a.m.",
    "1. Mr. Anton (Observer for Germany) said that industry was the first line of",
    "defence and that regulators should meet it often.",
    "2. Ms. Skerter (New Zealand) said that her delegation welcomed the review.",
    "The meeting rose at 11.30 a.m.",
]


# ---- S/AC.44/SR.75 --------------------------------------------------------------------------------

# A Chinese record as the paragraphs of a Word document.
DOCX_SR75_ZH_LINES = ["联合国 S/AC.44/SR.75", "Chinese", "第75次会议简要记录", "2016年6月23日星期四上午10时在纽约总部举行",
         "主席: 奥亚尔孙•马切西先生(西班牙)", "上午10时05分宣布开会。",
         "1. Anton 先生(德国观察员)说,德国以工商业作为其外联工作的重点。",
         "2. 主席说,委员会将继续审议。", "上午11时散会。"]


# ---- A/AC.77: records with and without a date (what a date filter leaves out) ------------------
# English summary records as files (two without a date) and Chinese ones to import (one without a
# date): the date filter's count of the paragraphs it left out for lack of a date is checked
# against these, by hand. "fisheries" is in 6 English paragraphs: 3 undated (SR.1 ¶1 and ¶3, SR.5
# ¶1), 2 of 2014 (SR.2), 1 of 2016 (SR.3 ¶1); "inspections" only in SR.3 (2016).

DATES_SYMBOL = "A/AC.77/SR.{meeting}"
DATES_EN = {  # meeting → (the "Held at" date or None, paragraphs)
    1: (None, [
        "Mr. Okafor (Nigeria) said that the fisheries agreement needed stronger monitoring.",
        "Ms. Duarte (Brazil) said that coastal monitoring had improved.",
        "Mr. Okafor (Nigeria) said that fisheries quotas should be reviewed each year.",
    ]),
    2: ("Monday, 3 March 2014", [
        "Mr. Okafor (Nigeria) said that fisheries monitoring had been funded.",
        "Ms. Duarte (Brazil) said that her delegation supported the fisheries fund.",
    ]),
    3: ("Tuesday, 10 May 2016", [
        "Ms. Duarte (Brazil) said that monitoring of fisheries had begun in the south.",
        "Mr. Lindqvist (Sweden) said that port inspections mattered.",
    ]),
    5: (None, [
        "Mr. Lindqvist (Sweden) said that fisheries data should be shared.",
        "Ms. Duarte (Brazil) said that the data portal was ready.",
    ]),
}
# Chinese versions to import: meeting → (ISO date or None, [(speaker, delegation, code, text)])
DATES_ZH = {
    4: (None, [
        ("奥卡福", "尼日利亚", "NGA", "渔业协定需要更有力的监测。"),
        ("杜阿尔特", "巴西", "BRA", "沿海监测已有改进。"),
        ("奥卡福", "尼日利亚", "NGA", "渔业配额应当每年审查。"),
    ]),
    6: ("2016-07-01", [
        ("奥卡福", "尼日利亚", "NGA", "渔业资金已经到位。"),
    ]),
}


def english_summary_record(meeting: int, held: str | None, paragraphs: list[str]) -> str:
    """An English summary record ``A/AC.77/SR.<meeting>``; ``held=None``: its header has no date."""
    body = "\n".join(f"{n}. {text}" for n, text in enumerate(paragraphs, 1))
    when = f"Held at Headquarters, New York, on {held}, at 10 a.m.\n" if held else ""
    return f"""United Nations A/AC.77/SR.{meeting}

Summary record of meeting {meeting}
{when}Chair: Mr. Lindqvist (Sweden)

The meeting was called to order at 10.05 a.m.
{body}
The meeting rose at 11 a.m.
"""


def write_dates_corpus(folder: Path, meetings=None) -> Path:
    """The English records of :data:`DATES_EN` (or of ``meetings`` only) as files in ``folder``."""
    for meeting, (held, paragraphs) in DATES_EN.items():
        if meetings is None or meeting in meetings:
            write_versions(folder, DATES_SYMBOL.format(meeting=meeting),
                           {"en": english_summary_record(meeting, held, paragraphs)})
    return folder


def dates_zh_records() -> list:
    """The Chinese records of :data:`DATES_ZH` as ``[(line, Record)]``, for ``import_records``."""
    from rapporteur.indexer.model import Paragraph, Record

    out = []
    for line, (meeting, (date, paragraphs)) in enumerate(DATES_ZH.items(), 1):
        paras = [Paragraph(n=n, text=f"{speaker}先生({delegation})说,{text}", speaker=speaker, honorific="先生",
                           delegation=delegation, delegation_code=code)
                 for n, (speaker, delegation, code, text) in enumerate(paragraphs, 1)]
        out.append((line, Record(symbol=DATES_SYMBOL.format(meeting=meeting), lang="zh", kind="SR", date=date,
                                 meeting=meeting, paragraphs=paras)))
    return out


# ---- statements in languages beyond the UN six ------------------------------------------------
# Written for the tests in the style of a General Assembly statement as delivered: a title, the
# salutation, paragraphs without numbers or speakers (the parser reads them as plain paragraphs).
# Each names its delegation's country once and has a word the tests search for (Portuguese:
# ``cooperação``, typed with and without its accents).

OTHER_LANGUAGE_STATEMENTS = {
    "pt": """Declaração da delegação da República de Cabo Verde

Senhor Presidente,

Permita-me, antes de mais, felicitá-lo pela sua eleição para presidir aos trabalhos desta sessão da Assembleia Geral. Vossa Excelência pode contar com o apoio e a cooperação da minha delegação durante todo o seu mandato.

Os pequenos Estados insulares em desenvolvimento enfrentam hoje desafios que não escolheram. A subida do nível do mar, a erosão das costas e a escassez de água doce ameaçam a vida das nossas comunidades, e nenhum país pode responder sozinho a essas ameaças.

Por isso, defendemos uma reforma da arquitetura financeira internacional que tenha em conta a vulnerabilidade dos nossos países, e não apenas o rendimento por habitante. O acesso ao financiamento climático continua demasiado lento e demasiado caro para quem mais precisa dele.

Senhor Presidente, a paz e a segurança internacionais exigem o respeito pelo direito internacional e pela Carta das Nações Unidas. A nossa delegação reafirma o seu compromisso com o multilateralismo e com a cooperação entre todos os povos.

Muito obrigado.
""",
    "it": """Dichiarazione della delegazione della Repubblica di San Marino

Signor Presidente,

desidero innanzitutto congratularmi con Lei per la Sua elezione alla presidenza di questa sessione dell'Assemblea generale e assicurarLe il pieno sostegno della mia delegazione.

Viviamo un periodo segnato da conflitti che colpiscono soprattutto i civili. Le scuole e gli ospedali non devono mai diventare un bersaglio, e chi viola il diritto internazionale umanitario deve risponderne davanti alla giustizia.

Il nostro Paese, pur essendo piccolo, crede nella forza del dialogo. Per questo sosteniamo con convinzione il lavoro delle Nazioni Unite per la prevenzione dei conflitti e per la tutela dei diritti umani, a partire dai diritti dei bambini.

Signor Presidente, la riforma del Consiglio di sicurezza resta una priorità: un Consiglio più rappresentativo, più trasparente e più efficace è nell'interesse di tutti gli Stati membri.

Grazie.
""",
    "de": """Erklärung der Delegation des Fürstentums Liechtenstein

Herr Präsident,

zunächst möchte ich Ihnen zu Ihrer Wahl zum Präsidenten dieser Tagung der Generalversammlung gratulieren. Meine Delegation wird Sie bei Ihrer Arbeit nach Kräften unterstützen.

Die Zahl der bewaffneten Konflikte ist in den letzten Jahren deutlich gestiegen. Die Leidtragenden sind vor allem Frauen und Kinder, die ihre Häuser verlassen müssen und oft keinen Zugang zu humanitärer Hilfe haben.

Wir sind überzeugt, dass es ohne Rechenschaft keinen dauerhaften Frieden geben kann. Deshalb unterstützen wir den Internationalen Strafgerichtshof und setzen uns dafür ein, dass schwere Verbrechen nicht straflos bleiben.

Herr Präsident, die Vereinten Nationen brauchen eine Generalversammlung, die ihre Verantwortung wahrnimmt, wenn der Sicherheitsrat wegen eines Vetos nicht handeln kann.

Ich danke Ihnen.
""",
    "nl": """Verklaring van de delegatie van het Koninkrijk der Nederlanden

Mijnheer de Voorzitter,

Mijn delegatie feliciteert u met uw verkiezing en verzekert u van haar volledige steun. Wij leven in een tijd waarin de internationale rechtsorde onder druk staat, en juist daarom is samenwerking tussen landen belangrijker dan ooit.

Het Koninkrijk zal zich blijven inzetten voor het klimaat, voor de bescherming van de mensenrechten en voor een sterk en doeltreffend stelsel van de Verenigde Naties.

Dank u wel.
""",
}

# A record whose language cannot be told (too few letters): indexed with ``lang`` None.
UNKNOWN_LANGUAGE_SYMBOL = "X/1"
UNKNOWN_LANGUAGE_RECORD = "Xyzzy plugh.\n\nQwrtz vbnm.\n"


def write_languages_corpus(folder: Path, langs=("pt",), seed: bool = True) -> Path:
    """The seed (``seed``), the statements of ``langs`` (:data:`OTHER_LANGUAGE_STATEMENTS`,
    as ``GA79_<lang>.txt``: symbol ``GA79_pt``) and :data:`UNKNOWN_LANGUAGE_RECORD` (``X_1.txt``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if seed:
        shutil.copy(SEED, folder / SEED.name)
    for lang in langs:
        (folder / f"GA79_{lang}.txt").write_text(OTHER_LANGUAGE_STATEMENTS[lang], encoding="utf-8")
    (folder / "X_1.txt").write_text(UNKNOWN_LANGUAGE_RECORD, encoding="utf-8")
    return folder


# ---- record manifests ---------------------------------------------------------------------------

# A statement as a delegation hands it out: no header, no speaker line; its metadata comes
# from the manifest beside it.
STATEMENT_EN = """Mr. President, the mangrove forests that shelter our coasts are disappearing faster than our budgets can replant them.

My delegation asks the Assembly to finance early warning systems for every small island coast.
"""

# An English summary record with a speaker's paragraph and a procedural one (no speaker).
DESALINATION_SR3_EN = """United Nations A/AC.77/SR.3

Summary record of the 3rd meeting
Held at Headquarters, New York, on Monday, 4 March 2019, at 3 p.m.
Chair: Ms. Lindqvist (Sweden)

The meeting was called to order at 3.05 p.m.
1. Mr. Okafor (Nigeria) said that desalination plants should run on solar power.
2. The draft decision on desalination was adopted without a vote.
The meeting rose at 4.10 p.m.
"""


STATEMENT_FILE = "statement.txt"
DESALINATION_SR3_FILE = "A_AC.77_SR.3.en.txt"


def write_statement_folder(folder: Path) -> Path:
    """A folder with :data:`STATEMENT_EN` and :data:`DESALINATION_SR3_EN`, and no manifest yet."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATEMENT_FILE).write_text(STATEMENT_EN, encoding="utf-8")
    (folder / DESALINATION_SR3_FILE).write_text(DESALINATION_SR3_EN, encoding="utf-8")
    return folder


def write_manifest(folder: Path, name: str, content) -> Path:
    """A manifest ``folder/name``: ``content`` as text (CSV, or JSON written by hand) or, for
    ``.json``/``.jsonl``, a list of objects (an array, one object a line)."""
    path = folder / name
    if not isinstance(content, str):
        if name.endswith(".jsonl"):
            content = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in content)
        else:
            content = "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in content) + "\n]\n"
    path.write_text(content, encoding="utf-8")
    return path


# ---- parse quality (rapporteur parse --report) ------------------------------------------------------

# Each sentence opens with "The Chair of…", which is no speaker opening: a long paragraph, and nothing else.
QUALITY_LONG_SENTENCE = "The Chair of the working group had circulated a note on the programme of work for the session."

# An English summary record with one of each finding: paragraph 2 swallows Ms. Kim's opening,
# paragraph 3's delegation has no code, paragraph 4 is long, paragraph 5 (after a heading) has no
# speaker; paragraph 1 is procedural and has rightly none.
QUALITY_SYMBOL = "A/AC.999/SR.12"
QUALITY_SR_EN = f"""United Nations
Summary record of the 12th meeting
Held at Headquarters, New York, on Monday, 3 March 2025, at 10 a.m.
Chair: Ms. Niang (Senegal)

The meeting was called to order at 10.05 a.m.

1. The agenda was adopted.

2. Mr. Mansour (Observer for the State of Palestine) said that the situation on the ground had worsened since the last meeting. Ms. Kim (Republic of Korea) said that her delegation shared those concerns and supported the draft decision.

3. Mr. Zorg (Atlantis) said that his Government would submit its report before the end of the year.

4. The Chair said that the Committee would take up the programme of work. {" ".join([QUALITY_LONG_SENTENCE] * 60)}

Other matters

5. The Committee took note of the report of the Bureau.

The meeting rose at 12 p.m.
"""

# A verbatim record without its cover page (no date, no chair's name): paragraph 2 swallows
# Ms. Smith's statement; the President's paragraphs have a role and no name.
QUALITY_PV_SYMBOL = "S/PV.9999"
QUALITY_PV_EN = """The President: I call on the representative of France.

Mr. Dupont (France) (spoke in French): I thank the President for convening this meeting. Ms. Smith (United Kingdom): I associate my delegation with the statement just made.

The President: I thank the representative of France for his statement.
"""

# A Chinese summary record whose paragraph 1 swallows the chair's opening.
QUALITY_SR_ZH = """第5次会议简要记录
2016年6月22日星期三下午3时在纽约总部举行
主席: Oyarzun Marchesi 先生(西班牙)
下午3时10分宣布开会。
1. Anton 先生(德国观察员)说,德国支持该决议草案。主席说,委员会将在下次会议上继续审议这个项目。
2. Kim 女士(大韩民国观察员)说,她的代表团赞同上述意见。
3. 主席说,委员会完成了本项目的审议。
下午5时散会。
"""

# Bytes that announce a PDF and are none: a file the report cannot read.
BROKEN_PDF = b"%PDF-1.4\n\x00\x01not a PDF body"


def write_quality_folder(folder: Path) -> Path:
    """:data:`QUALITY_SR_EN`, :data:`QUALITY_PV_EN` (in a sub-folder) and ``broken.pdf``, named the UN way."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file_name(QUALITY_SYMBOL, "en")).write_text(QUALITY_SR_EN, encoding="utf-8")
    (folder / "pv").mkdir(exist_ok=True)
    (folder / "pv" / (QUALITY_PV_SYMBOL.replace("/", "_") + ".txt")).write_text(QUALITY_PV_EN, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(BROKEN_PDF)
    return folder

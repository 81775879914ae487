"""Arabic: "السيد أنتون (المراقب عن ألمانيا): قال…", "الرئيس: …", "(تكلم بالصينية):" (right to left)."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms
from rapporteur.indexer.parse.statement_forms import StatementForms

MONTHS = {m: i for i, m in enumerate(
    "يناير فبراير مارس أبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(), 1)}
MONTHS.update({m: i for i, m in enumerate(
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول".replace("_", " ").split(" "), 1)
    if " " not in m})
MONTHS.update({"يونيو": 6, "يوليو": 7, "إبريل": 4})
LANGUAGES = {"بالعربية": "ar", "بالصينية": "zh", "بالإنكليزية": "en", "بالإنجليزية": "en", "بالفرنسية": "fr", "بالروسية": "ru", "بالإسبانية": "es"}

FORMS = OpeningForms(
    honorifics=("السيد", "السيدة", "الآنسة", "الدكتور", "الدكتورة", "سعادة السيد", "المطران", "الكاردينال", "الشيخ",
                "الشيخة", "الأمير", "الأميرة", "القاضي", "القاضية"),
    chair=("الرئيس", "الرئيسة", "نائب الرئيس"),
    acting_chair=("الرئيس بالنيابة", "الرئيسة بالنيابة"),
    observer=r"^(?P<r>(?:المراقب|المراقبة)(?:\s+الدائم|\s+الدائمة)?)\s+(?:عن|ل)\s*(?P<d>.+)$",
    titles=r"(الأمين|الأمينة|خبير|خبيرة|منسق|منسقة|المقرر|المقررة|الممثل السامي|الممثلة السامية|الممثل الخاص|المبعوث|مدير|مديرة|رئيس|رئيسة|المفوض|القاضي|المدعي)",
    spoke_in=r"(?:تكلم|تكلمت)\s+(?P<l>\S+)",
    languages=LANGUAGES,
    capacity=r"\s*،\s*(?P<cap>متكلما\s+[^،]{3,80}?|متكلمة\s+[^،]{3,80}?)\s*(?=:|،)",
    role_titles=r"الأمين العام|الأمينة العامة|الأمين|الأمينة",
)
_OPENINGS = FORMS.compiled()
_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?:\S+/)?(?P<m>\S+?)\s+(?P<y>\d{4})")
_TIME = re.compile(r"(\d{1,2})[:/.](\d{2})")


def to_time(text: str) -> str | None:
    """``الساعة 10:10`` → ``10:10``."""
    m = _TIME.search(text)
    return clock(int(m.group(1)), int(m.group(2))) if m else None


GRAMMAR = Grammar(
    lang="ar",
    match_opening=_OPENINGS.match,
    header=HeaderForms(
        meeting=re.compile(r"(?P<kind>محضر موجز|محضر حرفي)\s+(?:لل|ل)جلسة\s+(?P<n>\d+)"),
        kinds={"محضر موجز": "SR", "محضر حرفي": "PV"},
        date=month_date(_DATE, MONTHS),
        held=re.compile(r"^المعقودة\b"),
        place=re.compile(r"^المعقودة\s+في\s+(.+?)،\s+(?:يوم|في)"),
        chair=re.compile(r"^(?:الرئيس|الرئيسة)\s*:\s*(?P<hon>السيد|السيدة)?\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$"),
        contents=("المحتويات",),
    ),
    opening_line=re.compile(r"^(?:افتتحت|افتُتحت|استؤنفت) الجلسة"),
    closing_line=re.compile(r"^(?:رفعت|رُفعت) الجلسة"),
    to_time=to_time,
    procedural=re.compile(
        r"^(أقر جدول الأعمال|أُقر جدول الأعمال|علقت الجلسة|وقد تقرر ذلك"
        r"|.{0,200}(?:اتخذ|اتخذت|جلس|جلست)\S*\s+مكان\S*\s+(?:إلى|على|عند)\s+طاولة مقدمي الالتماسات"
        r"|[^.]{0,120}(?:انسحب|انسحبت)\.?$)"
    ),
    took_chair=(re.compile(
        r"^(?:في غياب [^،]{1,80}،\s*)?(?:تولى|تولت|شغل|شغلت) (?:الرئاسة|مقعد الرئاسة) (?:نائب الرئيس|نائبة الرئيس)?،?\s*"
        r"(?P<hon>السيد|السيدة)?\s*(?P<name>[^()،]+?)\s*(?:\((?P<deleg>[^()]+)\))?\.?$"),),
    left_chair=re.compile(r"^(?:عاد|عادت) (?:الرئيس|الرئيسة) إلى (?:مقعد الرئاسة|تولي الرئاسة)"),
    national=re.compile(r"(?:بصفتي|بصفته|بصفتها) ممثلا?ة? (?:ل|عن )?(?P<d>[^،.]{2,40}?)(?=[،.:]| و)"),
    national_end=re.compile(r"أستأنف (?:الآن )?(?:مهامي|مهام)"),
    sentence_punct=re.compile(r"[.؛!؟]"),
    terminal=tuple(".!؟\"')”"),
    statement=StatementForms(
        titles=r"كلمة|بيان|خطاب",
        honorifics=r"فخامة|معالي|سعادة|صاحب\s+السمو|صاحب\s+الجلالة|السيد|السيدة|الدكتور|الدكتورة",
        offices=r"نائب\s+رئيس|رئيس\s+الوزراء|رئيس|رئيسة|وزير|وزيرة|الممثل\s+الدائم|الممثلة\s+الدائمة|سفير|أمير|ملك",
        ends=r"\bأمام\b|\bفي\s+المناقشة|\bفي\s+الدورة|\bالجمعية\s+العامة|\bنيويورك",
        salutations=r"السيد\s+الرئيس|السيدة\s+الرئيسة|سيدي\s+الرئيس|أصحاب\s+الفخامة|أصحاب\s+المعالي|أصحاب\s+السعادة|السيدات\s+والسادة",
        chair=r"الجمعية|الأمين\s+العام",
    ),
)

"""Chinese: 第74次会议简要记录, 2016年6月22日…举行, 主席: …先生(西班牙), 下午3时10分宣布开会。"""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock
from rapporteur.indexer.parse.speakers_zh import HONORIFICS, match_opening
from rapporteur.indexer.parse.statement_forms import StatementForms

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TIME = re.compile(r"(上午|中午|下午|晚上)?\s*(\d{1,2})\s*时\s*(?:(\d{1,2})\s*分)?")
_CLOCK = r"(?:(?:上午|中午|下午|晚上)\s*\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?)"


def _date(line: str) -> str | None:
    m = _DATE.search(line)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def to_time(text: str) -> str | None:
    """``下午3时10分`` → ``15:10``."""
    m = _TIME.search(text)
    if not m:
        return None
    period = {"下午": "pm", "晚上": "pm", "上午": "am"}.get(m.group(1) or "")
    return clock(int(m.group(2)), int(m.group(3) or 0), period)


GRAMMAR = Grammar(
    lang="zh",
    match_opening=match_opening,
    header=HeaderForms(
        meeting=re.compile(r"第\s*(?P<n>\d+)\s*次(?:全体)?(?:\(\S+\))?会议(?:(?P<kind>简要|逐字)?记录)?"),
        kinds={"简要": "SR", "逐字": "PV"},
        date=_date,
        held=re.compile(r"\d{4}\s*年.*举行"),
        place=re.compile(r"在(.{2,20}?)举行"),
        chair=re.compile(r"^(?:代理)?主席\s*:\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$"),
        contents=("目录", "目 录"),
        honorifics=HONORIFICS,
    ),
    opening_line=re.compile(rf"^{_CLOCK}\s*(?:宣布)?(?:开会|复会)"),
    closing_line=re.compile(rf"^{_CLOCK}\s*(?:散会|宣布散会|会议结束)"),
    to_time=to_time,
    procedural=re.compile(
        r"^(议程通过|会议.{0,24}(暂停|复会|休会|结束)|就这样决定|就此决定|.{0,12}宣布.{0,12}(暂停|复会)|委员会.{0,10}决定"
        r"|.{0,120}在请愿人席(?:就座|入座)|[^。]{0,80}(?:退席|离席)。?$|[^。]{0,80}被护送(?:进入|离开)大会堂)"
    ),
    took_chair=(re.compile(
        r"^(?:主席缺席[,，]\s*)?(?:由\s*)?(?:副主席\s*)?(?P<name>[^\s(),，。]{1,40}?)\s*(?P<hon>先生|女士)\s*(?:\((?P<deleg>[^()]+)\))?\s*"
        r"[,，]?\s*(?:副主席\s*[,，]?\s*)?(?:代行主席职务|主持会议|代理主席|担任代理主席|代理主持会议)。?$"),),
    left_chair=re.compile(r"^主席(?:恢复|重新)主持会议"),
    national=re.compile(r"以(?P<d>(?!本国)[^,，。以]{1,30}?)代表的身份"),
    national_end=re.compile(r"恢复(?:行使)?(?:安理会|大会|委员会)?主席(?:的)?职(?:能|责|务)"),
    sentence_punct=re.compile(r"[。,;!?、]"),
    terminal=tuple("。!?!?」』”\")"),
    max_heading=40,
    statement=StatementForms(
        titles=r"(?!)",  # a Chinese title ends with its word (…在第79届联合国大会一般性辩论上的讲话): no speaker is read from it
        honorifics=r"(?!)",
        offices=r"(?!)",
        ends=r"(?!)",
        salutations=r"主席先生|主席女士|尊敬的|各位代表|女士们|秘书长先生",
    ),
)

"""The speaker-opening grammar of Chinese summary records.

A paragraph that opens a statement starts with one of:

* ``Anton 先生(德国观察员)说`` — name, honorific, then a parenthesis holding the delegation and
  the role (``观察员``), or the delegation alone, or a title (``专家``, ``副秘书长兼…高级代表``);
* ``Rached 先生(国际刑事警察组织(国际刑警组织)观察员)`` — parentheses nest;
* ``Cupitt 先生(美利坚合众国)以本国代表的身份发言说`` — a capacity after the parenthesis;
* ``会议主持人 Cupitt 先生(美利坚合众国)`` — a role before the name;
* ``主席说`` — the chair, whose name the record header gives.

The text has been normalised (NFKC) first, so full-width ``（）：`` arrive as ASCII.
"""
from __future__ import annotations

import re

from rapporteur.indexer.parse.speaker import Speaker, balanced
from rapporteur.indexer.text import HAN_CLASS

HONORIFICS = ("先生", "女士", "夫人", "小姐", "阁下", "大主教", "枢机主教", "红衣主教", "主教", "博士", "教授", "殿下", "谢赫",
              "勋爵", "爵士", "法官", "大使")
ACTING_CHAIRS = ("代理主席", "临时主席")

# Roles that may stand before a name (longest first so that 会议主持人 wins over 主持人).
PREFIX_ROLES = ("会议主持人", "代理主席", "临时主席", "副主席", "主持人", "报告员", "协调员", "主席", "秘书")

# A parenthesis that names a person's office rather than a delegation.
_TITLE = re.compile(
    r"(秘书长|高级代表|特别代表|特使|专家|协调员|报告员|主席|主任|司长|处长|干事|顾问|法官|检察官|书记官"
    r"|首席|官员|发言人|主管|总干事|执行秘书|秘书|署长|高级专员|专员|Chair|Rapporteur)"
)
# Roles written at the end of the parenthesis after the delegation: 德国观察员, 德国代表.
_ROLE_SUFFIX = ("常驻观察员", "观察员", "副常驻代表", "常驻代表", "代表")

# Names in Latin, Cyrillic, Greek or Arabic letters stand before the honorific, with or without a
# space: ``Anton 先生``, ``Иванов先生``.
_LETTERS = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿͰ-ϿЀ-ӿ\u0600-\u06ff"
_LATIN_NAME = rf"[{_LETTERS}][{_LETTERS}'’.\- ]{{0,60}}?"
_CJK_NAME = rf"[{HAN_CLASS}][{HAN_CLASS}•·.\-]{{0,11}}?"
_PREFIX = "|".join(PREFIX_ROLES)
_OPENING = re.compile(
    rf"^(?:(?P<pre>{_PREFIX})\s*)?(?P<name>{_LATIN_NAME}|{_CJK_NAME})\s*(?P<hon>{'|'.join(sorted(HONORIFICS, key=len, reverse=True))})\s*\("
)
_CHAIR = re.compile(rf"^(?P<pre>{_PREFIX})\s*(?:说|发言说|宣布|指出|请|感谢|表示|回顾|提议|建议|告知|通知|\(|:)")
# After the parenthesis: ``以本国代表的身份发言说`` / ``代表特别报告员发言说``.
_CAPACITY = re.compile(r"\s*,?\s*(?P<cap>以[^,。]{1,40}?身份|代表[^,。]{1,30}?)(?=发言|说|,)")

def split_parenthesis(inner: str) -> tuple[str | None, str | None]:
    """``德国观察员`` → (德国, 观察员); ``专家`` → (None, 专家); ``西班牙`` → (西班牙, None)."""
    inner = inner.strip()
    for suffix in _ROLE_SUFFIX:
        if inner.endswith(suffix) and len(inner) > len(suffix):
            head = inner[: -len(suffix)].strip()
            if not _TITLE.search(head) or suffix.endswith("观察员"):
                return head, suffix
    if _TITLE.search(inner):
        return None, inner
    return inner, None


def match_opening(text: str) -> Speaker | None:
    """Read the speaker opening at the start of a paragraph, if there is one."""
    m = _OPENING.match(text)
    if m:
        open_at = m.end() - 1
        close = balanced(text, open_at)
        if close is None:
            return None
        delegation, role = split_parenthesis(text[open_at + 1 : close - 1])
        end = close
        cap = _CAPACITY.match(text, close)
        if cap:
            role = cap.group("cap")
            end = cap.end()
        if m.group("pre"):
            role = m.group("pre") if role is None else f"{m.group('pre')},{role}"
        return Speaker(m.group("name").strip(), m.group("hon"), delegation, role, end=end)
    c = _CHAIR.match(text)
    if c:
        pre = c.group("pre")
        acting = pre in ACTING_CHAIRS
        return Speaker(None, None, None, pre, is_chair=pre == "主席" or acting, acting=acting, end=len(pre))
    return None

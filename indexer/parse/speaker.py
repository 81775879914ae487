"""What every speaker grammar returns, and the pieces they share.

A statement opens with the speaker: a name with an honorific, a parenthesis naming the
delegation and role (parentheses may nest), sometimes a capacity after it, and in verbatim
records the language spoken. Each language's grammar (``grammars/``) reads its own forms.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_PAREN = 200  # a speaker's parenthesis longer than this is not a speaker's parenthesis


@dataclass
class Speaker:
    name: str | None
    honorific: str | None
    delegation: str | None
    role: str | None
    is_chair: bool = False
    acting: bool = False  # "The Acting President", 代理主席: whoever took the Chair, not the President
    end: int = 0  # where the opening ends in the paragraph text
    spoke_in: str | None = None  # ISO 639-1, verbatim records: "(spoke in Chinese)"


def fill(para, sp: Speaker) -> None:
    """Give a paragraph the speaker its opening names (not for the chair: see ``chair.py``)."""
    para.speaker, para.honorific, para.delegation, para.role = sp.name, sp.honorific, sp.delegation, sp.role
    para.spoke_in = sp.spoke_in


def carry(para, prev) -> None:
    """A paragraph with no opening continues the statement of ``prev``."""
    para.speaker, para.honorific, para.delegation = prev.speaker, prev.honorific, prev.delegation
    para.role, para.spoke_in = prev.role, prev.spoke_in


def balanced(text: str, start: int) -> int | None:
    """Index just past the parenthesis opened at ``text[start]``, or None if it never closes
    within :data:`MAX_PAREN` characters."""
    depth = 0
    stop = min(len(text), start + MAX_PAREN + 2)
    for i in range(start, stop):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None

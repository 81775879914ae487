"""The Security Council's verbatim records of 2020 in ../shared/corpus, read as a user would: every
statement that opens with a speaker has one, a President speaking "in my capacity as the
representative of" a country has that delegation, and a briefer's "(spoke in French)" is no
delegation."""
import re

import pytest

from rapporteur.indexer.parse import parse_file
from tests.support.paths import shared_path

OPENING = re.compile(r"^(?:The [A-Z][\w-]*(?: [A-Z][\w-]*)*|(?:Mr|Ms|Mrs|Dr)\. [^:()]{1,60}(?: \([^()]{1,80}\))?)(?: \(spoke in \w+\))?:")
PRESIDENT = re.compile(r"^The President(?: \(spoke in \w+\))?:")
NATIONAL = re.compile(r"\bin my (?:national )?capacity as (?:the )?representative of")


@pytest.fixture(scope="module")
def records():
    folder = shared_path("unsc-2020-verbatim-en")
    return [parse_file(path) for path in sorted(folder.glob("S_PV.*.txt"))]


def test_every_opening_has_its_speaker(records):
    opened = [(r.symbol, p) for r in records for p in r.paragraphs if OPENING.match(p.text)]
    assert len(opened) > 1000
    missing = [(sym, p.n, p.text[:60]) for sym, p in opened if p.speaker is None and p.role is None]
    assert missing == []


def test_presidency_national_statements_have_the_delegation(records):
    national = [p for r in records for p in r.paragraphs if PRESIDENT.match(p.text) and NATIONAL.search(p.text)]
    assert len(national) > 30
    assert [p.text[:80] for p in national if not p.delegation_code] == []


def test_no_delegation_reads_spoke_in(records):
    assert [p.delegation for r in records for p in r.paragraphs if p.delegation and "spoke in" in p.delegation] == []

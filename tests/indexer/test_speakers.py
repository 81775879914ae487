import pytest

from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.parse.speakers_zh import match_opening, split_parenthesis


@pytest.mark.parametrize(
    "opening, name, honorific, delegation, role",
    [
        ("Anton 先生(德国观察员)说,德国", "Anton", "先生", "德国", "观察员"),
        ("Kim Heun Jin 女士(大韩民国观察员)说,委员会", "Kim Heun Jin", "女士", "大韩民国", "观察员"),
        (
            "Rached 先生(国际刑事警察组织(国际刑警组织)观察员)说,",
            "Rached", "先生", "国际刑事警察组织(国际刑警组织)", "观察员",
        ),
        ("Cupitt 先生(美利坚合众国)以本国代表的身份发言说,", "Cupitt", "先生", "美利坚合众国", "以本国代表的身份"),
        ("会议主持人 Cupitt 先生(美利坚合众国)请与会者", "Cupitt", "先生", "美利坚合众国", "会议主持人"),
        ("金垣洙先生(副秘书长兼裁军事务高级代表)说,", "金垣洙", "先生", None, "副秘书长兼裁军事务高级代表"),
        ("Mansour先生(巴勒斯坦国观察员)说", "Mansour", "先生", "巴勒斯坦国", "观察员"),
        ("Röser 先生(Infineon 技术公司观察员)说", "Röser", "先生", "Infineon 技术公司", "观察员"),
        ("García Guiza 女士(墨西哥观察员)说", "García Guiza", "女士", "墨西哥", "观察员"),
        ("Rosenthal 先生(专家)在发言的同时放映了", "Rosenthal", "先生", None, "专家"),
        ("Taylor 先生(专家组协调员)说", "Taylor", "先生", None, "专家组协调员"),
        ("Skerter 女士(新西兰)说", "Skerter", "女士", "新西兰", None),
    ],
)
def test_speaker_forms(opening, name, honorific, delegation, role):
    sp = match_opening(normalize_text(opening))
    assert sp is not None
    assert (sp.name, sp.honorific, sp.delegation, sp.role) == (name, honorific, delegation, role)


def test_full_width_parentheses_after_normalisation():
    sp = match_opening(normalize_text("Mansour先生（巴勒斯坦国观察员）：巴勒斯坦"))
    assert (sp.name, sp.delegation, sp.role) == ("Mansour", "巴勒斯坦国", "观察员")


def test_opening_ends_after_capacity():
    text = "Cupitt 先生(美利坚合众国)以本国代表的身份发言说,美国代表团"
    sp = match_opening(text)
    assert text[sp.end :].startswith("发言说")


def test_chair_opening():
    sp = match_opening("主席说,会员国")
    assert sp.is_chair and sp.role == "主席" and sp.name is None


@pytest.mark.parametrize(
    "text",
    [
        "委员会自成立以来已开展了大量外联工作。",
        "他感谢Anton先生(德国)的发言。",  # a name in the middle of a sentence is not an opening
        "主席团正在尽其所能。",
        "Anton 先生(德国观察员说",  # unbalanced parenthesis
    ],
)
def test_not_an_opening(text):
    assert match_opening(text) is None


def test_deeply_nested_parentheses_are_bounded():
    text = "Anton 先生" + "(" * 1000 + "德国" + ")" * 1000 + "说"
    assert match_opening(text) is None


@pytest.mark.parametrize(
    "inner, expected",
    [
        ("德国观察员", ("德国", "观察员")),
        ("西班牙", ("西班牙", None)),
        ("专家", (None, "专家")),
        ("斯德哥尔摩国际和平研究所观察员", ("斯德哥尔摩国际和平研究所", "观察员")),
    ],
)
def test_split_parenthesis(inner, expected):
    assert split_parenthesis(inner) == expected

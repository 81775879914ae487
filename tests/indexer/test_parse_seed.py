"""The seed record S/AC.44/SR.74 (Chinese) parses exactly: all 45 paragraphs, speakers, joins."""
import pytest

SUN = "美利坚合众国"
# n: (speaker, delegation) for every paragraph of the seed.
EXPECTED = {
    1: (None, None),
    2: ("Sison", SUN), 3: ("Sison", SUN), 4: ("Sison", SUN), 5: ("Sison", SUN),
    6: ("Rosenthal", None), 7: ("Rosenthal", None), 8: ("Rosenthal", None),
    9: ("Cupitt", SUN),
    10: ("Anton", "德国"), 11: ("Anton", "德国"),
    12: ("Eloumni", "摩洛哥"),
    13: ("Kim Heun Jin", "大韩民国"), 14: ("Kim Heun Jin", "大韩民国"),
    15: ("Borreda", "西班牙"), 16: ("Borreda", "西班牙"),
    17: ("Syrota", "乌克兰"), 18: ("Syrota", "乌克兰"),
    19: ("MacLoughlin", "阿根廷"),
    20: ("García Guiza", "墨西哥"),
    21: ("Skerter", "新西兰"),
    22: ("Cupitt", SUN),
    23: ("Beenen", "荷兰"),
    24: ("Hansen", "澳大利亚"),
    25: ("Mashkov", "俄罗斯联邦"), 26: ("Mashkov", "俄罗斯联邦"), 27: ("Mashkov", "俄罗斯联邦"),
    28: ("Hashmi", "巴基斯坦"),
    29: ("Rached", "国际刑事警察组织(国际刑警组织)"),
    30: ("Cupitt", SUN),
    31: ("Bauer", "斯德哥尔摩国际和平研究所"), 32: ("Bauer", "斯德哥尔摩国际和平研究所"),
    33: ("Röser", "Infineon 技术公司"),
    34: ("Early", "纽约州立大学奥尔巴尼分校政策研究中心"),
    35: ("Boer", "美国陆军协会欧洲区域"),
    36: ("Rosenthal", None), 37: ("Rosenthal", None),
    38: ("Cupitt", SUN),
    39: ("Taylor", None),
    40: ("Moselle", SUN), 41: ("Moselle", SUN),
    42: ("金垣洙", None), 43: ("金垣洙", None), 44: ("金垣洙", None),
    45: ("奥亚尔孙•马切西", "西班牙"),
}


@pytest.fixture(scope="module")
def paras(seed_record):
    return {p.n: p for p in seed_record.paragraphs}


def test_header(seed_record):
    r = seed_record
    assert r.symbol == "S/AC.44/SR.74"
    assert (r.lang, r.original_lang, r.kind) == ("zh", "en", "SR")
    assert r.meeting == 74
    assert r.date == "2016-06-22"
    assert (r.opened, r.closed) == ("15:10", "17:10")
    assert r.place == "纽约总部"
    assert (r.chair, r.chair_delegation) == ("奥亚尔孙•马切西", "西班牙")
    assert r.body == "安全理事会第 1540 (2004) 号决议所设委员会"
    assert r.agenda == ["全面审查第 1540(2004)号决议执行情况(续)", "通过议程", "专题讨论:透明度和媒体外联", "审查结束"]
    assert len(r.checksum) == 64
    assert r.warnings == []


def test_forty_five_paragraphs_numbered_in_sequence(seed_record):
    assert [p.n for p in seed_record.paragraphs] == list(range(1, 46))


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_speaker_and_delegation(paras, n):
    assert (paras[n].speaker, paras[n].delegation) == EXPECTED[n]


def test_roles_and_honorifics(paras):
    assert (paras[10].role, paras[10].honorific) == ("观察员", "先生")
    assert (paras[13].role, paras[13].honorific) == ("观察员", "女士")
    assert paras[6].role == "专家"
    assert paras[9].role == "会议主持人"
    assert paras[22].role == "以本国代表的身份"
    assert paras[42].role == "副秘书长兼裁军事务高级代表"
    assert (paras[45].role, paras[45].honorific) == ("主席", "先生")
    assert paras[1].role is None


def test_delegation_codes(paras):
    assert paras[10].delegation_code == "DEU"
    assert paras[13].delegation_code == "KOR"
    assert paras[22].delegation_code == "USA"
    assert paras[29].delegation_code == "INTERPOL"
    assert paras[45].delegation_code == "ESP"  # the chair's delegation, from the header
    assert paras[6].delegation_code is None  # an expert speaks for no delegation
    assert paras[33].delegation_code is None  # a company is not in the table


def test_lost_paragraph_number_restored(paras):
    assert paras[6].text.startswith("Rosenthal 先生(专家)在发言的同时放映了数码幻灯片")


def test_page_break_joins(paras):
    assert "以使工商业界和一般公众了解其义务" in paras[4].text
    assert "有何种障碍。学术界和民间社会" in paras[13].text
    assert "西班牙欢迎委员会网站得到了改善" in paras[16].text
    assert "一个重要组成部分。科学和技术的发展" in paras[42].text
    assert "重点关注法律和管制框架" in paras[7].text


def test_cjk_space_repair(paras):
    assert '"威斯巴登进程"' in paras[28].text
    assert "委员会向安全理事会作了公开通报会" in paras[3].text
    assert "Kim Heun Jin 女士" in paras[13].text  # Latin spaces stay


def test_noise_removed(seed_record):
    for p in seed_record.paragraphs:
        assert "**" not in p.text
        assert "16-10499" not in p.text
        assert not p.text.startswith("- ")
        assert "本记录可以更正" not in p.text


def test_sections(paras):
    assert paras[1].section == "通过议程"
    assert all(paras[n].section == "专题讨论:透明度和媒体外联" for n in range(2, 42))
    assert all(paras[n].section == "审查结束" for n in range(42, 46))


def test_opening_and_closing_lines_not_paragraphs(seed_record):
    texts = " ".join(p.text for p in seed_record.paragraphs)
    assert "宣布开会" not in texts and "散会" not in texts

from rapporteur.indexer.text import normalize_query, normalize_text, repair_cjk_spaces


def test_space_inside_chinese_word_removed():
    assert normalize_text("威 斯巴登进程") == "威斯巴登进程"


def test_space_between_latin_words_kept():
    assert normalize_text("Kim  Heun\nJin") == "Kim Heun Jin"


def test_space_between_latin_and_chinese_kept():
    assert normalize_text("Anton 先生") == "Anton 先生"
    assert normalize_text("3D 打印") == "3D 打印"


def test_space_after_punctuation_inside_chinese_removed():
    assert repair_cjk_spaces("网站, 其对象") == "网站,其对象"
    assert repair_cjk_spaces("先生 (德国观察员)") == "先生(德国观察员)"


def test_nfkc_full_width_forms():
    assert normalize_text("（德国观察员）：１５４０") == "(德国观察员):1540"
    assert normalize_text("ＡＢＣ") == "ABC"


def test_query_folds_traditional_to_simplified():
    assert normalize_query("出口管製") == "出口管制"
    assert normalize_query("聯合國安全理事會") == "联合国安全理事会"


def test_query_without_chinese_unchanged():
    assert normalize_query("Security  Council") == "Security Council"

"""Dates written out in a record's text, in the six UN languages and Italian and Portuguese."""
import pytest

from rapporteur.indexer.parse.dates import find_date


@pytest.mark.parametrize("text, lang, iso", [
    ("New York, 27 September 2024", "en", "2024-09-27"),
    ("New York, September 25, 2024", "en", "2024-09-25"),
    ("Delivered on the 3rd of October 2023", "en", "2023-10-03"),
    ("New York, le 27 septembre 2024", "fr", "2024-09-27"),
    ("Genève, le 1er octobre 2024", "fr", "2024-10-01"),
    ("NEW YORK, 26 SEPTEMBRE 2024", "fr", "2024-09-26"),
    ("le 12 fevrier 2024", "fr", "2024-02-12"),  # OCR lost the accent
    ("Nueva York, 27 de septiembre de 2024", "es", "2024-09-27"),
    ("Martes 24 de septiembre de 2024", "es", "2024-09-24"),
    ("Nueva York, 26 de septiembre 2024", "es", "2024-09-26"),
    ("Nueva York, 28\nde setiembre de 2024.", "es", "2024-09-28"),
    ("Нью-Йорк, 27 сентября 2024 года", "ru", "2024-09-27"),
    ("Женева, 3 марта 2023 г.", "ru", "2023-03-03"),
    ("نيويورك، ٢٧ سبتمبر ٢٠٢٤", "ar", "2024-09-27"),
    ("٢٧ أيلول/سبتمبر ٢٠٢٤", "ar", "2024-09-27"),
    ("27 أيلول/سبتمبر 2024", "ar", "2024-09-27"),
    ("2024年9月27日在纽约", "zh", "2024-09-27"),
    ("2024 年 10 月 1 日", "zh", "2024-10-01"),
    ("Mercoledì, 25 Settembre 2024", "it", "2024-09-25"),
    ("Nova Iorque, 24 de setembro de 2024", "pt", "2024-09-24"),
])
def test_dates_in_each_language(text, lang, iso):
    assert find_date(text, lang) == iso
    assert find_date(text) == iso  # other languages are tried when the record's gives none


@pytest.mark.parametrize("text", [
    "du 20 au 28 septembre 2024",  # the end of a range is not a statement's date
    "(NEW-YORK, 20-26 SEPTEMBRE 2024)",
    "del 20 al 28 de septiembre de 2024",
    "31 septembre 2024",  # not in the calendar
    "79 período de sesiones de 2024",
    "le 27 septembre",  # no year
    "28.09.2024",
    "",
])
def test_no_date(text):
    assert find_date(text, "fr") is None


def test_the_first_date_wins():
    assert find_date("Fait le 2 mai 2024, publié le 3 mai 2024", "fr") == "2024-05-02"


def test_the_records_language_first_then_the_others():
    # The Spanish record quotes a French date first: its own language's date wins.
    assert find_date("«le 2 mai 2024», dijo el 5 de junio de 2024", "es") == "2024-06-05"
    assert find_date("«le 2 mai 2024», dijo el 5 de junio de 2024", "fr") == "2024-05-02"
    assert find_date("le 2 mai 2024", "es") == "2024-05-02"

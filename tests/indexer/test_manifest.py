"""Record manifests: rows validated one by one, applied around the parser, and followed by sync."""
from __future__ import annotations

import pytest

from rapporteur.indexer.read.manifest import read_manifest
from rapporteur.indexer.sync.manifests import parse_described
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.records import DESALINATION_SR3_FILE as SR3
from tests.support.records import STATEMENT_EN, write_manifest, write_statement_folder
from tests.support.search import hits

CSV = """file,symbol,date,lang,kind,meeting,place,body,speaker,delegation,role
statement.txt,A/79/PV.5,2024-09-24,en,statement,5,New York,General Assembly,Maria Tuilagi,Samoa,Minister for Foreign Affairs
A_AC.77_SR.3.en.txt,,2019-03-05,,,,,,,Sweden,
"""


@pytest.fixture()
def folder(tmp_path):
    return write_statement_folder(tmp_path / "records")


def _lines(path, problems):
    """``path:line: reason`` of each ``(line, reason)``."""
    return [f"{path}:{line}: {reason}" for line, reason in problems]


def _described(folder):
    return parse_described(folder / "statement.txt"), parse_described(folder / SR3)


def _check_applied(statement, sr3):
    head = statement.header_dict()
    assert {k: head[k] for k in ("symbol", "date", "lang", "kind", "meeting", "place", "body")} == {
        "symbol": "A/79/PV.5", "date": "2024-09-24", "lang": "en", "kind": "statement", "meeting": 5,
        "place": "New York", "body": "General Assembly"}
    assert [(p.speaker, p.delegation, p.delegation_code, p.role) for p in statement.paragraphs] == \
        [("Maria Tuilagi", "Samoa", "WSM", "Minister for Foreign Affairs")] * 2
    # Only the date is replaced; the delegation fills the paragraph without a speaker alone.
    assert (sr3.symbol, sr3.date, sr3.meeting, sr3.kind) == ("A/AC.77/SR.3", "2019-03-05", 3, "SR")
    assert [(p.speaker, p.delegation, p.delegation_code) for p in sr3.paragraphs] == \
        [("Okafor", "Nigeria", "NGA"), (None, "Sweden", "SWE")]


def test_a_csv_manifest_is_applied_around_the_parser(folder):
    write_manifest(folder, "records.csv", CSV)
    statement, sr3 = _described(folder)
    _check_applied(statement, sr3)
    assert statement.checksum == parse_described(folder / "statement.txt").checksum  # the file's own


@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_json_manifest_is_applied_the_same(folder, name):
    write_manifest(folder, name, [
        {"file": "statement.txt", "symbol": "A/79/PV.5", "date": "2024-09-24", "lang": "en", "kind": "statement",
         "meeting": 5, "place": "New York", "body": "General Assembly", "speaker": "Maria Tuilagi",
         "delegation": "Samoa", "role": "Minister for Foreign Affairs"},
        {"file": SR3, "date": "2019-03-05", "delegation": "Sweden", "speaker": None, "place": ""},
    ])
    _check_applied(*_described(folder))


def test_without_a_manifest_the_parser_alone_speaks(folder):
    statement, sr3 = _described(folder)
    assert (statement.symbol, statement.date, statement.paragraphs[0].speaker) == ("statement", None, None)
    assert sr3.date == "2019-03-04" and sr3.paragraphs[1].delegation is None


def test_each_bad_csv_row_is_one_line_and_the_others_apply(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(STATEMENT_EN, encoding="utf-8")
    for n in range(3, 12):
        (folder / f"s{n}.txt").write_text(STATEMENT_EN, encoding="utf-8")
    path = write_manifest(folder, "records.csv", "\n".join([
        "File,Date,Lang,Kind,Meeting,Symbol,Notes",          # 1: columns in any case; Notes is unknown
        "statement.txt,2024-09-24,en,statement,5,A/79/PV.5,",  # 2: good
        "s3.txt,2024-13-01,,,,,",                              # 3
        "",                                                    # 4: blank, skipped
        "s4.txt,,EN,,,,",                                      # 5
        "s5.txt,,eng,,,,",                                     # 6
        "s6.txt,,,minutes,,,",                                 # 7
        "s7.txt,,,,5th,,",                                     # 8
        "s8.txt,,,,,A/79:PV.5,",                               # 9
        "missing.txt,,,,,,",                                   # 10
        "statement.txt,2024-09-25,,,,,",                       # 11: a second row for a described file
        ",2024-01-01,,,,,",                                    # 12
        "sub/deep.txt,,,,,,",                                  # 13
        "s9.txt,2024-02-30,,,,,",                              # 14
        "s10.txt,,sw,,12,,,extra",                             # 15: a cell beyond the columns
        '"s11.txt",2024-02-29,sw,PV,12,"A/79/PV.12",',        # 16: good, quoted
    ]) + "\n")
    manifest = read_manifest(folder)
    assert [str(p) for p in manifest.problems] == _lines(path, [
        (1, "unknown column 'notes' (ignored; the columns are file, symbol, date, body, lang, kind, meeting, place, "
            "speaker, delegation, role)"),
        (3, "date '2024-13-01' is not a date (YYYY-MM-DD)"),
        (5, "lang 'EN' is not a two-letter ISO 639-1 code (write it in lower case: 'en')"),
        (6, "lang 'eng' is not a two-letter ISO 639-1 code"),
        (7, "kind 'minutes' is not one of SR, PV, statement"),
        (8, "meeting '5th' is not a whole number"),
        (9, "symbol 'A/79:PV.5' has a ':' (a record is known as symbol:lang)"),
        (10, "file 'missing.txt' does not exist"),
        (11, "file 'statement.txt' is already described on line 2"),
        (12, "no file named (the 'file' column is required)"),
        (13, "file 'sub/deep.txt' is not beside the manifest (a manifest describes the files of its own folder)"),
        (14, "date '2024-02-30' is not a date (YYYY-MM-DD)"),
        (15, "8 cells for 7 columns"),
    ])
    assert {name: (e.line, dict(e.values)) for name, e in manifest.entries.items()} == {
        "statement.txt": (2, {"date": "2024-09-24", "lang": "en", "kind": "statement", "meeting": 5,
                              "symbol": "A/79/PV.5"}),
        "s11.txt": (16, {"date": "2024-02-29", "lang": "sw", "kind": "PV", "meeting": 12, "symbol": "A/79/PV.12"}),
    }
    # rapporteur parse FILE shows the problems that may concern FILE: the manifest's own, its
    # rows and the rows that name no file.
    s3 = parse_described(folder / "s3.txt")
    assert s3.warnings[:3] == [str(manifest.problems[i]) for i in (0, 1, 9)]
    assert s3.date is None


def test_each_bad_json_row_is_one_line_with_the_line_it_begins_on(folder):
    path = write_manifest(folder, "records.json", """[
  {"file": "statement.txt", "date": "2024-09-24"},
  {"file": "A_AC.77_SR.3.en.txt",
   "speaker": "Okafor", "notes": "x"},
  "statement.txt",
  {"file": "A_AC.77_SR.3.en.txt", "meeting": 3.5},
  {"file": "A_AC.77_SR.3.en.txt", "symbol": 77},
  {"file": "A_AC.77_SR.3.en.txt", "meeting": 4}
]
""")
    manifest = read_manifest(folder)
    assert [str(p) for p in manifest.problems] == _lines(path, [
        (3, "unknown key 'notes' (the keys are file, symbol, date, body, lang, kind, meeting, place, speaker, "
            "delegation, role)"),
        (5, "each row must be a JSON object, not text"),
        (6, "meeting 3.5 is not a whole number"),
        (7, "symbol must be text, not a number"),
    ])
    assert {name: (e.line, dict(e.values)) for name, e in manifest.entries.items()} == {
        "statement.txt": (2, {"date": "2024-09-24"}), SR3: (8, {"meeting": 4})}


def test_a_bad_jsonl_line_is_skipped(folder):
    path = write_manifest(folder, "records.jsonl", '{"file": "statement.txt", "date": "2024-09-24"}\n'
                                                   '{"file": "A_AC.77_SR.3.en.txt", "date": }\n')
    manifest = read_manifest(folder)
    assert [str(p) for p in manifest.problems] == [f"{path}:2: invalid JSON: Expecting value (column 41)"]
    assert list(manifest.entries) == ["statement.txt"]


@pytest.mark.parametrize("name, content, problem", [
    ("records.csv", b"file,date\nstatement.txt,2024-09-24\n\xff\xfe\n", "records.csv: not UTF-8 text (byte 35); save it as UTF-8"),
    ("records.csv", b"name,date\nstatement.txt,2024-09-24\n",
     "records.csv:1: no 'file' column (the first line names the columns: file, symbol, date, body, lang, kind, "
     "meeting, place, speaker, delegation, role)"),
    ("records.csv", b'file,date\n"statement.txt,2024-09-24\n', "records.csv:2: not readable as CSV: unexpected end of data"),
    ("records.csv", b"  \n", "records.csv: empty file"),
    ("records.json", b'[{"file": "statement.txt",\n "date": "2024-09-24",}]',
     "records.json:2: invalid JSON: Expecting property name enclosed in double quotes (column 23)"),
    ("records.json", b'{"file": "statement.txt"}', "records.json: must be a JSON array of objects, one per file"),
])
def test_a_manifest_that_cannot_be_read_is_one_line_and_nothing_applies(folder, name, content, problem):
    (folder / name).write_bytes(content)
    manifest = read_manifest(folder)
    assert [str(p) for p in manifest.problems] == [f"{folder}/{problem}"]
    assert manifest.entries == {}
    assert parse_described(folder / "statement.txt").warnings[0] == f"{folder}/{problem}"


def test_hostile_rows_are_lines_not_tracebacks(folder, tmp_path):
    long_name = "x" * 300
    path = write_manifest(folder, "records.csv", f"file,meeting\nstatement.txt,99999999999\n{long_name},1\n"
                                                 "a\0b.txt,2\n")
    (folder / "records.jsonl").write_text('{"file": "statement.txt", "meeting": NaN}\n' + "[" * 100_000 + "\n",
                                          encoding="utf-8")
    assert [p.reason for p in read_manifest(folder).problems[1:]] == [
        "meeting 99999999999 is too large (at most 2147483647)",
        f"file {long_name!r} cannot be looked up (File name too long)",
        "file 'a\\x00b.txt' does not exist",
    ]
    path.unlink()
    assert [p.reason for p in read_manifest(folder).problems] == ["meeting nan is not a whole number",
                                                                  "invalid JSON: nested too deeply"]
    report = sync(tmp_path / "ix", [folder])
    assert report.added == 2 and len(report.manifest_problems) == 2


def test_one_manifest_a_folder(folder):
    write_manifest(folder, "records.csv", "file,date\nstatement.txt,2024-09-24\n")
    write_manifest(folder, "records.json", [{"file": "statement.txt", "date": "2020-01-01"}])
    manifest = read_manifest(folder)
    assert [str(p) for p in manifest.problems] == [f"{folder}/records.json: ignored: the folder's manifest is records.csv"]
    assert manifest.entry(folder / "statement.txt").get("date") == "2024-09-24"


def test_lang_is_any_iso_639_1_code(folder):
    write_manifest(folder, "records.csv", "file,lang\nstatement.txt,sw\nA_AC.77_SR.3.en.txt,xx\n")
    manifest = read_manifest(folder)
    assert manifest.entry(folder / "statement.txt").get("lang") == "sw"
    assert [p.reason for p in manifest.problems] == ["lang 'xx' is not a two-letter ISO 639-1 code"]


# ---- sync


def _events(ix, folder, **kw):
    events = []
    report = sync(ix, [folder], progress=lambda status, path, detail=None: events.append((status, path)), **kw)
    return report, [(s, p.rsplit("/", 1)[-1]) for s, p in events if s in ("added", "updated", "removed", "failed")]


def test_sync_applies_the_manifest_and_search_finds_it(folder, tmp_path):
    ix = tmp_path / "ix"
    write_manifest(folder, "records.csv", CSV + "missing.txt,,,,,,,,,,\n")
    report, events = _events(ix, folder)
    assert sorted(events) == [("added", SR3), ("added", "statement.txt")]
    assert report.manifest_problems == [f"{folder}/records.csv:4: file 'missing.txt' does not exist"]
    assert hits(ix, "mangrove date:2024") == {"A/79/PV.5"}
    assert hits(ix, "delegation:Samoa") == {"A/79/PV.5"}
    assert hits(ix, "delegation:SWE") == {"A/AC.77/SR.3"}
    assert hits(ix, "lang:en date:2019-03-05") == {"A/AC.77/SR.3"}
    with Engine(ix) as eng:
        hit = eng.search(SearchRequest(q="mangrove")).hits[0]
    assert (hit["speaker"], hit["delegation_code"], hit["role"], hit["date"]) == \
        ("Maria Tuilagi", "WSM", "Minister for Foreign Affairs", "2024-09-24")


def test_editing_one_row_rewrites_only_its_file(folder, tmp_path):
    ix = tmp_path / "ix"
    manifest = write_manifest(folder, "records.csv", CSV)
    _events(ix, folder)
    assert _events(ix, folder)[1] == []  # nothing changed, nothing written
    manifest.write_text(CSV.replace("2019-03-05", "2019-03-06"), encoding="utf-8")
    report, events = _events(ix, folder)
    assert events == [("updated", SR3)] and report.unchanged == 1
    assert hits(ix, "desalination date:2019-03-06") == {"A/AC.77/SR.3"}
    # The same rows in another order, or another form of the same file, say nothing new.
    write_manifest(folder, "records.json", [{"file": SR3, "date": "2019-03-06", "delegation": "Sweden"},
                                            {"file": "statement.txt", "symbol": "A/79/PV.5", "date": "2024-09-24",
                                             "lang": "en", "kind": "statement", "meeting": 5, "place": "New York",
                                             "body": "General Assembly", "speaker": "Maria Tuilagi",
                                             "delegation": "Samoa", "role": "Minister for Foreign Affairs"}])
    manifest.unlink()
    assert _events(ix, folder)[1] == []


def test_a_symbol_from_the_manifest_replaces_the_record_it_named(folder, tmp_path):
    ix = tmp_path / "ix"
    report, _ = _events(ix, folder)  # no manifest: the statement is known by its file name
    assert hits(ix, "mangrove") == {"statement"}
    manifest = write_manifest(folder, "records.csv", "file,symbol\nstatement.txt,A/79/PV.5\n")
    report, events = _events(ix, folder)
    assert events == [("updated", "statement.txt")]
    assert hits(ix, "mangrove") == {"A/79/PV.5"} and hits(ix, "symbol:statement") == set()
    manifest.write_text("file,symbol,lang\nstatement.txt,A/79/PV.6,fr\n", encoding="utf-8")
    assert _events(ix, folder)[1] == [("updated", "statement.txt")]
    with Engine(ix) as eng:
        assert eng.record("A/79/PV.5") is None and eng.record("A/79/PV.6", "fr").paragraphs[0].text.startswith("Mr.")
        assert eng.stats()["records"] == 2
    manifest.unlink()  # the manifest gone: the record the parser reads, alone
    report, events = _events(ix, folder)
    assert events == [("updated", "statement.txt")]
    with Engine(ix) as eng:
        res = eng.search(SearchRequest(q="mangrove"))
        assert {(h["symbol"], h["lang"]) for h in res.hits} == {("statement", "en")}
        assert eng.stats()["records"] == 2


def test_a_manifest_is_never_indexed_and_a_bad_one_leaves_the_folder_indexed(folder, tmp_path):
    ix = tmp_path / "ix"
    (folder / "records.json").write_text("[{", encoding="utf-8")
    report, events = _events(ix, folder)
    assert sorted(events) == [("added", SR3), ("added", "statement.txt")]
    assert report.manifest_problems == [f"{folder}/records.json:1: invalid JSON: Expecting property name enclosed in "
                               f"double quotes (column 3)"]


def test_the_pool_workers_apply_the_manifest(tmp_path):
    """Enough files for the worker processes: each applies the row that came with its file."""
    folder, ix = tmp_path / "records", tmp_path / "ix"
    folder.mkdir()
    rows = ["file,symbol,date,delegation"]
    for n in range(1, 25):
        (folder / f"s{n}.txt").write_text(STATEMENT_EN.replace("mangrove", f"mangrove{n}"), encoding="utf-8")
        rows.append(f"s{n}.txt,A/79/PV.{n},2024-09-{n:02d},Fiji")
    write_manifest(folder, "records.csv", "\n".join(rows) + "\n")
    report, _ = _events(ix, folder, workers=2)
    assert report.added == 24 and report.failed == []
    assert hits(ix, "mangrove7 delegation:FJI date:2024-09-07") == {"A/79/PV.7"}
    assert len(hits(ix, "delegation:Fiji date:2024-09")) == 24

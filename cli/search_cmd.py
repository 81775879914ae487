"""``rapporteur search``: ranked, highlighted, filterable search from the terminal."""
from __future__ import annotations

import html
import re
import sys

import click

from rapporteur.cli.common import echo_json, fail
from rapporteur.cli.index_option import index_option, open_engine
from rapporteur.indexer.errors import RapporteurError

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def terminal_snippet(snippet_html: str, color: bool) -> str:
    """The HTML snippet for a terminal: marks in bold reverse video (or [brackets]), unescaped."""
    def mark(m):
        text = html.unescape(m.group(1))
        return click.style(text, bold=True, reverse=True) if color else f"[{text}]"

    parts, pos = [], 0
    for m in _MARK.finditer(snippet_html):
        parts.append(html.unescape(snippet_html[pos:m.start()]))
        parts.append(mark(m))
        pos = m.end()
    parts.append(html.unescape(snippet_html[pos:]))
    return "".join(parts)


def print_result(res: dict, color: bool) -> None:
    if res["notice"]:
        click.echo(f"note: {res['notice']}", err=True)
    pages = max(1, -(-res["total"] // res["size"]))
    noun = "paragraph matches" if res["total"] == 1 else "paragraphs match"
    click.echo(f"{res['total']} {noun} ({res['took_ms']:.0f} ms); page {res['page']} of {pages}")
    first = (res["page"] - 1) * res["size"]
    for i, hit in enumerate(res["hits"], start=first + 1):
        who = hit["speaker"] or "-"
        if hit["delegation"]:
            who += f" ({hit['delegation']})"
        click.echo("")
        click.echo(click.style(f"{i}. {hit['symbol']} [{hit['lang'] or '?'}] ¶{hit['n']}", bold=color)
                   + f"  {who}  {hit['date'] or ''}  score {hit['score']:.2f}")
        click.echo(f"   {terminal_snippet(hit['snippet'], color)}")


@click.command("search")
@click.argument("query", metavar="QUERY")
@index_option
@click.option("--lang", metavar="L", help="Only paragraphs in this language (zh, en, fr, ru, es, ar, or another such as pt, de).")
@click.option("--delegation", metavar="D", help="Only paragraphs spoken for this delegation.")
@click.option("--speaker", metavar="S", help="Only paragraphs by this speaker.")
@click.option("--symbol", metavar="S", help="Only this record (document symbol), or symbols under it.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="Hits per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option("--deadline", type=click.FloatRange(0, min_open=True), default=None, metavar="SECONDS",
              help="Stop the search after this long (one line on stderr, exit status 1); default: no limit.")
def search_command(query, index_dir, lang, delegation, speaker, symbol, limit, page, as_json, deadline):
    """Search the index for QUERY and print ranked, highlighted paragraphs.

    \b
    Query language:
      威斯巴登进程 出口管制      all the words (AND), ranked by BM25F; when no paragraph
                                has them all, any of them (OR), with a note
      "出口管制"                exact phrase or substring (after normalisation)
      -德国   -"工商业"         leave out paragraphs that match
      核 OR 生物                either word
      speaker:Anton   delegation:德国   symbol:S/AC.44/SR.74   lang:zh
      section:外联   date:2016-01..2016-12   date:2016   date:..2016-06-30
    Every language is searched unless --lang/lang: restricts it, and each language analyses
    the query its own way: Snowball stems for en, fr, es, ru (délégations finds délégation),
    Arabic normalised (diacritics, tatweel, alef forms) and stemmed, Chinese by jieba.
    delegation: takes a name in any UN language or a code: delegation:Germany,
    delegation:德国, delegation:Allemagne and --delegation DEU are the same filter.
    Any substring of two or more characters finds its paragraphs, quoted or not;
    paragraphs that match whole words rank first. Full-width characters, spaces inside
    Chinese words and Traditional characters (出口管製) are normalised. Syntax that cannot be
    read (an unbalanced quote, an unknown field:) is searched as plain words, with a note.
    A date: filter leaves out the records that have no date; a note says how many
    paragraphs that match it left out for that ('rapporteur stats' counts them all).

    \b
    Examples:
      rapporteur search 威斯巴登进程
      rapporteur search '"出口管制" delegation:德国' --json
      rapporteur search 外联 --lang zh --limit 5 --page 2

    With --json the output is one object: {"query", "total", "page", "size", "took_ms",
    "notice", "hits": [{"id", "symbol", "lang", "n", "speaker", "honorific", "delegation",
    "delegation_code", "role", "spoke_in", "section", "date", "score", "text", "snippet",
    "versions"}], "facets": {"delegation", "speaker", "symbol", "lang": [{"value", "count"}]}};
    snippets are HTML with <mark>; versions maps a language to the id of the same paragraph
    in that language's version of the record; delegation facet entries also carry a
    "label" (value is the code, e.g. DEU, when the delegation table knows it).

    A query over a cost limit is refused with one line naming it: more than 64 terms once
    split (a:b:c… splits at each ':'), more than 16 ORs, more than 32 field filters, or
    --page × --limit over 1,000.
    Exit status: 0 (also when nothing matches), 1 on an error such as a missing index or a
    search stopped by --deadline, 2 on a usage error (a query over a cost limit included).
    """
    from rapporteur.search.deadline import Deadline
    from rapporteur.search.engine import SearchRequest
    from rapporteur.search.limits import QueryTooCostly

    try:
        req = SearchRequest(q=query, lang=lang, delegation=delegation, speaker=speaker, symbol=symbol,
                            page=page, size=limit)
    except ValueError as err:
        fail(str(err), code=2)
    try:
        with open_engine(index_dir) as engine:
            res = engine.search(req, Deadline(deadline)).to_dict()
    except QueryTooCostly as err:
        fail(str(err), code=2)
    except RapporteurError as err:  # a missing index, a search past its --deadline …
        fail(str(err))
    if as_json:
        echo_json(res)
    else:
        print_result(res, color=sys.stdout.isatty())

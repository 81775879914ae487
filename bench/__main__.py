"""``python -m bench``: build a corpus, index it, query it, compare peers, serve it, update it.

    python -m bench --paragraphs 100000            # the issue-6 run (appends to bench/RESULTS.md)
    python -m bench --paragraphs 300 --repeat 1 --serve-seconds 2 --results none   # smoke
    python -m bench --paragraphs 100000 --keep --out /tmp/b            # keep the corpus and index …
    python -m bench --paragraphs 100000 --out /tmp/b --reuse /tmp/b/report-100000-seed1-….json
                                                   # … and measure the queries again on them

Steps: corpus, indexing (+ the jieba reference), queries, pasted passages, the worst queries,
peers, the served load (then the same load with one client sending the worst queries), the
one-record update. With --reuse the first two are taken from the report of the kept run (and
the peers too with --skip-peers); the folder of a reused run is never removed.

Progress goes to stderr; the last line on stdout is the summary line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench import corpus, incremental, indexing, paragraphs, passage, queries, report, reuse, sources, worst

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=100_000, help="corpus size (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="corpus and query seed (default 1)")
    ap.add_argument("--zh-share", type=float, default=0.7, help="share of Chinese paragraphs (default 0.7)")
    ap.add_argument("--repeat", type=int, default=3, help="timed query rounds and jieba runs (default 3)")
    ap.add_argument("--jieba-repeat", type=int, default=None,
                    help="runs of the jieba reference (default: --repeat; at 1M one run takes ~12 min here)")
    ap.add_argument("--stock-max-paragraphs", type=int, default=100_000,
                    help="the stock Whoosh + ChineseAnalyzer baseline indexes at most this many of the paragraphs "
                         "(default 100000: at 1M it alone would take ~45 min here); its report says how many")
    ap.add_argument("--index-repeat", type=int, default=1, help="full indexing runs, each into a fresh folder (default 1)")
    ap.add_argument("--serve-seconds", type=float, default=30.0, help="served-search load duration (default 30)")
    ap.add_argument("--serve-clients", type=int, default=8, help="concurrent clients (default 8)")
    ap.add_argument("--skip-peers", action="store_true", help="skip tantivy-py and the stock Whoosh baseline")
    ap.add_argument("--skip-serve", action="store_true", help="skip the served-search load")
    ap.add_argument("--shared", type=Path, default=sources.SHARED,
                    help="the shared UN corpus (default ../shared/corpus, or $RAPPORTEUR_SHARED_CORPUS)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="work and report folder (default bench/out/)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and indexes")
    ap.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"),
                    help="Markdown file to append the row to, or 'none' (default bench/RESULTS.md)")
    ap.add_argument("--reuse", type=Path, default=None, metavar="REPORT.json",
                    help="reuse the folder kept (--keep) by the run of REPORT.json, same --paragraphs/--seed/--out: "
                         "no corpus build, indexing or jieba reference; its corpus and indexing sections (and with "
                         "--skip-peers its peers) are copied into the new report, marked as taken from it")
    ap.add_argument("--passages", type=int, default=passage.COUNT,
                    help=f"pasted passages searched for their source (default {passage.COUNT}; 0 skips)")
    ap.add_argument("--skip-worst", action="store_true", help="skip the worst queries (alone and served)")
    ap.add_argument("--attack-seconds", type=float, default=None,
                    help="length of the served phase with one client sending the worst queries "
                         "(default: --serve-seconds; 0 skips it)")
    args = ap.parse_args(argv)
    if args.jieba_repeat is None:
        args.jieba_repeat = args.repeat
    if args.attack_seconds is None:
        args.attack_seconds = args.serve_seconds
    if (args.paragraphs < 1 or not 0 <= args.zh_share <= 1 or args.repeat < 1 or args.index_repeat < 1
            or args.jieba_repeat < 1 or args.stock_max_paragraphs < 1 or args.passages < 0
            or args.attack_seconds < 0):
        ap.error("--paragraphs, --repeat, --jieba-repeat, --index-repeat and --stock-max-paragraphs must be ≥ 1, "
                 "--passages and --attack-seconds ≥ 0 and --zh-share in [0, 1]")
    return args


def build_and_index(args: argparse.Namespace, work: Path, result: dict) -> tuple[Path, Path, Path, Path]:
    """The corpus, its paragraphs, the indexing runs and the jieba reference, into ``result``;
    the index, records folder, extra record and paragraphs file."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log("loading real UN text")
    pools = sources.load(args.shared)
    if pools.missing:
        log(f"shared corpus parts missing (using what is there): {', '.join(pools.missing)}")
    log(f"building {args.paragraphs} paragraphs ({len(pools.zh)} zh / {len(pools.en)} en sentences)")
    built = corpus.build(work / "corpus", args.paragraphs, args.seed, args.zh_share, pools)
    corpus.write_manifest(built, work / "corpus" / "manifest.json")
    texts_path = work / "paragraphs.jsonl"
    extracted = paragraphs.extract(built.records_dir, texts_path)
    result["corpus"] = {"records": len(built.records), "raw_file_bytes": built.raw_bytes, "sources": built.sources,
                        "missing": built.missing, "zh_sentences": len(pools.zh), "en_sentences": len(pools.en),
                        **extracted}

    runs = []
    for i in range(args.index_repeat):
        ix_dir = work / f"index-{i}"
        log(f"indexing run {i + 1}/{args.index_repeat} → {ix_dir}")
        runs.append(indexing.index_once(built.records_dir, ix_dir))
        log(f"  {runs[-1]['seconds']:.1f}s, added {runs[-1]['added']}, failed {runs[-1]['failed']}")
        if i < args.index_repeat - 1:
            shutil.rmtree(ix_dir, ignore_errors=True)
    index_dir = work / f"index-{args.index_repeat - 1}"
    log("jieba reference")
    ref = indexing.jieba_reference(texts_path, args.jieba_repeat)
    secs = [r["seconds"] for r in runs]
    index_s = statistics.median(secs)
    jieba_s = statistics.median(ref["times"])
    chars = runs[-1]["chars"]
    peak = max(max(r["peak_rss_tree_bytes"], r["ru_maxrss_self_bytes"] + r["ru_maxrss_children_bytes"]) for r in runs)
    result["indexing"] = {
        "runs": runs, "seconds": index_s, "seconds_spread": [min(secs), max(secs)], "chars": chars,
        "paragraphs": extracted["paragraphs"], "chars_per_s": chars / index_s,
        "paragraphs_per_s": extracted["paragraphs"] / index_s, "peak_rss_bytes": peak,
        "index_bytes": runs[-1]["index_bytes"], "index_to_raw": runs[-1]["index_bytes"] / extracted["text_bytes"],
        "index_to_raw_files": runs[-1]["index_bytes"] / built.raw_bytes,
        "jieba": ref, "jieba_seconds": jieba_s, "jieba_chars_per_s": ref["chars"] / jieba_s,
        "jieba_ratio": jieba_s / index_s,
    }

    return index_dir, built.records_dir, built.extra_path, texts_path


def run(args: argparse.Namespace, kept: reuse.Kept | None = None) -> dict:
    work = args.out / f"run-{args.paragraphs}-seed{args.seed}"
    result: dict = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": report.git_commit(ROOT),
                    "machine": report.machine(), "paragraphs": args.paragraphs, "seed": args.seed,
                    "zh_share": args.zh_share, "repeat": args.repeat, "jieba_repeat": args.jieba_repeat,
                    "index_repeat": args.index_repeat}
    if kept is None:
        index_dir, records_dir, extra_path, texts_path = build_and_index(args, work, result)
        reset = None
    else:
        index_dir, records_dir, extra_path, texts_path = kept.index_dir, kept.records_dir, kept.extra_path, kept.texts_path
        result["reused"] = {"report": kept.mark(), "folder": str(kept.work),
                            "sections": ["corpus", "indexing"] + (["peers"] if args.skip_peers else [])}
        result["jieba_repeat"] = kept.report.get("jieba_repeat")
        result["index_repeat"] = kept.report.get("index_repeat", 1)
        result["corpus"] = kept.copied("corpus")
        result["indexing"] = kept.copied("indexing")
        log(f"reusing {kept.work} (corpus, index and jieba reference of {kept.report_path.name}, "
            f"commit {kept.report.get('commit')})")

    paras = paragraphs.load(texts_path)
    if kept is not None:
        # The kept index holds the extra record of that run's update (and any copies
        # `python -m bench.incremental` added): back to the corpus as built, untimed.
        names = {corpus._file_name(p["symbol"], p["lang"]) for p in paras}
        try:
            reset = incremental.reset(index_dir, records_dir, names)
        except RuntimeError as err:
            raise reuse.ReuseError(f"--reuse {kept.report_path}: {err}") from None
        log(f"  reset to the corpus as built (untimed): removed {reset['removed_count']} record file(s), "
            f"{reset['output'].splitlines()[-1] if reset['output'] else 'no output'}")
        if reset["exit"] != 0:
            raise reuse.ReuseError(f"--reuse: syncing {index_dir} back to the corpus failed: {reset['output'][-200:]}")
    qs = queries.draw(paras, args.seed)
    log(f"{len(qs)} queries × {args.repeat} rounds through Engine.search")
    result["queries"] = queries.ours(index_dir, qs, args.repeat)

    if args.passages:
        ps = passage.draw(paras, args.seed, args.passages)
        log(f"{len(ps)} pasted passages (≤ {passage.max_chars()} chars) × {args.repeat} rounds")
        result["passage"] = passage.run(index_dir, ps, args.repeat)
        log(f"  p95 {report._fmt(result['passage']['p95'])} ms, source at rank 1: "
            f"{result['passage']['rank1']}/{result['passage']['count']}")

    worst_qs = None
    if not args.skip_worst:
        worst_qs = worst.build(paras, args.seed)
        limit = worst.default_deadline()
        log(f"{len(worst_qs)} worst queries, deadline {limit} s (rapporteur serve's default)")
        result["worst"] = worst.run(index_dir, worst_qs, args.repeat, limit)
        log(f"  slowest {report._fmt(result['worst']['max_ms'])} ms ({result['worst']['slowest']})")

    if kept is not None and args.skip_peers:
        result["peers"] = {name: dict(sec, taken_from=sec.get("taken_from") or kept.mark())
                           for name, sec in (kept.report.get("peers") or {}).items() if isinstance(sec, dict)}
    else:
        result["peers"] = {}
    if not args.skip_peers:
        from bench import peers

        try:
            import tantivy  # noqa: F401
            log("peer: tantivy-py")
            result["peers"]["tantivy"] = peers.tantivy_run(paras, qs, args.repeat, work / "tantivy")
        except ImportError:
            log("tantivy not installed (pip install -e '.[bench]'): skipped")
        stock = paras[:args.stock_max_paragraphs]
        log(f"peer: stock Whoosh + jieba ChineseAnalyzer on {len(stock)} paragraphs")
        result["peers"]["whoosh_chinese_analyzer"] = peers.whoosh_baseline_run(stock, qs, args.repeat, work / "whoosh-stock")
        result["peers"]["whoosh_chinese_analyzer"]["paragraphs"] = len(stock)
    del paras

    if not args.skip_serve:
        from bench import serve

        attack = None
        if worst_qs and args.attack_seconds > 0:  # the slowest alone first: a short phase still sends them
            cost = {r["name"]: r["max_ms"] for r in (result.get("worst") or {}).get("queries", [])}
            attack = sorted(worst_qs, key=lambda w: -cost.get(w["name"], 0.0))
        log(f"serve: {args.serve_clients} clients for {args.serve_seconds:g}s"
            + (f", then with 1 more sending the worst queries for {args.attack_seconds:g}s" if attack else ""))
        result["serve"] = serve.run(index_dir, qs, args.serve_seconds, clients=args.serve_clients,
                                    attack=attack, attack_seconds=args.attack_seconds)
        srv = result["serve"]
        log(f"  {srv['rps']:.1f} req/s, p95 {report._fmt(srv['p95_ms'])} ms, {srv['errors']} errors, "
            f"{srv['timed_out']} timed out (deadline {srv.get('deadline_s')} s)")
        if srv.get("attack"):
            att = srv["attack"]
            log(f"  attacked: {att['rps']:.1f} req/s, p95 {report._fmt(att['p95_ms'])} ms, {att['errors']} errors, "
                f"{att['timed_out']} timed out; the attacker: {att['attacker']['requests']} requests, "
                f"{att['attacker']['timed_out']} timed out, {att['attacker']['refused']} refused, "
                f"{att['attacker']['errors']} errors")

    log("incremental: one new record with rapporteur index")
    result["incremental"] = incremental.run(index_dir, records_dir, extra_path)
    if reset is not None:
        result["incremental"]["reset"] = reset

    if not args.keep:
        names = ("tantivy", "whoosh-stock")  # a reused run's folder stays: only what this run made goes
        if kept is None:
            names += ("corpus", "paragraphs.jsonl") + tuple(f"index-{i}" for i in range(args.index_repeat))
        for name in names:
            p = work / name
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        kept = reuse.check(args.reuse, args.out, args.paragraphs, args.seed, args.zh_share) if args.reuse else None
        result = run(args, kept)
    except reuse.ReuseError as err:
        print(f"python -m bench: error: {err}", file=sys.stderr, flush=True)
        return 2
    results_md = None if args.results.lower() == "none" else Path(args.results)
    path = report.write(result, args.out, results_md)
    log(f"report: {path}" + (f"; row appended to {results_md}" if results_md else ""))
    print(report.summary_line(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

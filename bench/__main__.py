"""``python -m bench``: build a corpus, index it, query it, compare peers, serve it, update it.

    python -m bench --paragraphs 100000            # the issue-6 run (appends to bench/RESULTS.md)
    python -m bench --paragraphs 300 --repeat 1 --serve-seconds 2 --results none   # smoke

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

from bench import corpus, incremental, indexing, paragraphs, queries, report, sources

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
    args = ap.parse_args(argv)
    if args.jieba_repeat is None:
        args.jieba_repeat = args.repeat
    if (args.paragraphs < 1 or not 0 <= args.zh_share <= 1 or args.repeat < 1 or args.index_repeat < 1
            or args.jieba_repeat < 1 or args.stock_max_paragraphs < 1):
        ap.error("--paragraphs, --repeat, --jieba-repeat, --index-repeat and --stock-max-paragraphs must be ≥ 1 "
                 "and --zh-share in [0, 1]")
    return args


def run(args: argparse.Namespace) -> dict:
    work = args.out / f"run-{args.paragraphs}-seed{args.seed}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result: dict = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": report.git_commit(ROOT),
                    "machine": report.machine(), "paragraphs": args.paragraphs, "seed": args.seed,
                    "zh_share": args.zh_share, "repeat": args.repeat, "jieba_repeat": args.jieba_repeat,
                    "index_repeat": args.index_repeat}

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

    paras = paragraphs.load(texts_path)
    qs = queries.draw(paras, args.seed)
    log(f"{len(qs)} queries × {args.repeat} rounds through Engine.search")
    result["queries"] = queries.ours(index_dir, qs, args.repeat)

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

        log(f"serve: {args.serve_clients} clients for {args.serve_seconds:g}s")
        result["serve"] = serve.run(index_dir, qs, args.serve_seconds, clients=args.serve_clients)

    log("incremental: one new record with rapporteur index")
    result["incremental"] = incremental.run(index_dir, built.records_dir, built.extra_path)

    if not args.keep:
        for name in ("corpus", "tantivy", "whoosh-stock", "paragraphs.jsonl") + tuple(
                f"index-{i}" for i in range(args.index_repeat)):
            p = work / name
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    result = run(args)
    results_md = None if args.results.lower() == "none" else Path(args.results)
    path = report.write(result, args.out, results_md)
    log(f"report: {path}" + (f"; row appended to {results_md}" if results_md else ""))
    print(report.summary_line(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

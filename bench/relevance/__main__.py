"""``python -m bench.relevance``: how well the product ranks, against two baselines, on a judged set.

Builds the fixed collection (real UN records from the shared corpus; see collection.py),
indexes it three times (the product's writer; a plain character-bigram BM25; stock Whoosh +
jieba's ChineseAnalyzer; see systems.py), runs every query of queries.tsv on each and scores
the top 10 against judgments.tsv: nDCG@10 (linear gains 0-3) and MRR@10 (relevant = grade
>= 2), overall, per language and per query kind. Unjudged paragraphs count as grade 0; the
judged@10 column says how many of the top 10 were judged at all.

    python -m bench.relevance                            # build in a temporary folder, evaluate
    python -m bench.relevance --index-dir bench/out/rel  # build there once; later runs reuse it
    python -m bench.relevance --index-dir bench/out/rel --rebuild   # after changing the indexer
    python -m bench.relevance --pool bench/out/pool.jsonl  # also list unjudged pooled paragraphs

--pool writes, for every query, the paragraphs in the top 20 of any system that have no
judgment yet, with their text, one JSON object a line: grade them and add them to
judgments.tsv when a ranking change brings up new paragraphs (judged@10 falls).

The table goes to stdout, progress to stderr, the full report (every query's figures and top
20 per system) to a JSON file (default bench/out/relevance-<date>.json, git-ignored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from bench import report, sources
from bench.relevance import collection, metrics
from bench.relevance.judgments import JUDGMENTS, QUERIES, load_judgments, load_queries
from bench.relevance.systems import SYSTEMS

ROOT = Path(__file__).resolve().parents[2]
POOL_DEPTH = 20  # what each system contributes to the pool of paragraphs to judge
GROUPS = ("all", "zh", "en", "topical", "known-item")


def log(msg: str) -> None:
    print(f"[relevance {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=sources.SHARED,
                    help="the shared UN corpus (default ../shared/corpus, or $RAPPORTEUR_SHARED_CORPUS)")
    ap.add_argument("--index-dir", type=Path, default=None,
                    help="keep the three indexes here and reuse them when they were built from the same "
                         "collection (default: a temporary folder, removed at the end)")
    ap.add_argument("--rebuild", action="store_true", help="with --index-dir: build the indexes again even if they match")
    ap.add_argument("--parts", default=",".join(collection.PARTS),
                    help=f"comma-separated parts of the collection (default all: {','.join(collection.PARTS)}); "
                         "queries without a relevant paragraph in the parts chosen are left out")
    ap.add_argument("--out", type=Path, default=None,
                    help="the JSON report (default bench/out/relevance-<date>.json)")
    ap.add_argument("--pool", type=Path, default=None,
                    help="also write the unjudged paragraphs of each query's pool (top 20 of each system) here, as JSONL")
    ap.add_argument("--queries", type=Path, default=QUERIES, help="the queries (default bench/relevance/queries.tsv)")
    ap.add_argument("--judgments", type=Path, default=JUDGMENTS,
                    help="the judgments (default bench/relevance/judgments.tsv)")
    args = ap.parse_args(argv)
    args.parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
    unknown = sorted(set(args.parts) - set(collection.PARTS))
    if unknown or not args.parts:
        ap.error(f"--parts: unknown part {unknown[0]!r}" if unknown else "--parts: none given")
    if args.rebuild and args.index_dir is None:
        ap.error("--rebuild needs --index-dir")
    return args


def prepare(coll: collection.Collection, index_dir: Path, rebuild: bool) -> dict:
    """The three indexes under ``index_dir``, built unless a manifest says they hold this collection."""
    manifest = index_dir / "manifest.json"
    fingerprint = coll.fingerprint()
    old = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    if not rebuild and old.get("fingerprint") == fingerprint and all((index_dir / n).is_dir() for n in SYSTEMS):
        log(f"reusing the indexes in {index_dir} (built {old.get('built')}; --rebuild after changing the indexer)")
        return {"reused": True, "seconds": old.get("seconds", {})}
    manifest.unlink(missing_ok=True)
    seconds = {}
    for name, system in SYSTEMS.items():
        target = index_dir / name
        shutil.rmtree(target, ignore_errors=True)
        log(f"indexing {len(coll.paragraphs)} paragraphs: {name}")
        t0 = time.perf_counter()
        system.build(coll, target)
        seconds[name] = round(time.perf_counter() - t0, 2)
        log(f"  {seconds[name]:.1f}s")
    manifest.write_text(json.dumps({"fingerprint": fingerprint, "built": dt.datetime.now().isoformat(timespec="seconds"),
                                    "seconds": seconds}, indent=1), encoding="utf-8")
    return {"reused": False, "seconds": seconds}


def run_queries(index_dir: Path, queries) -> dict[str, dict[str, list[str]]]:
    """``system → query id → top POOL_DEPTH ids``."""
    runs = {}
    for name, system in SYSTEMS.items():
        log(f"{len(queries)} queries: {name}")
        s = system(index_dir / name)
        try:
            runs[name] = {q.id: s.search(q.q, POOL_DEPTH) for q in queries}
        finally:
            s.close()
    return runs


def evaluate(queries, qrels: dict[str, dict[str, int]], runs: dict[str, dict[str, list[str]]]) -> dict:
    """Per-query figures and their means by group; queries with no paragraph graded ≥ RELEVANT are left out."""
    scored = [q for q in queries if any(g >= metrics.RELEVANT for g in qrels.get(q.id, {}).values())]
    groups = {"all": [q.id for q in scored]}
    groups.update({g: [q.id for q in scored if g in (q.lang, q.kind)] for g in GROUPS[1:]})
    per_query = {name: {q.id: metrics.per_query(runs[name][q.id], qrels[q.id]) for q in scored} for name in runs}
    return {
        "systems": {name: metrics.summarise(per_query[name], groups) for name in runs},
        "queries": [{"id": q.id, "lang": q.lang, "kind": q.kind, "query": q.q,
                     "relevant": sum(g >= metrics.RELEVANT for g in qrels[q.id].values()),
                     "systems": {name: dict(per_query[name][q.id], top=runs[name][q.id]) for name in runs}}
                    for q in scored],
        "left_out": [q.id for q in queries if q not in scored],
    }


def _pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (a Han character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def table(result: dict) -> str:
    systems = result["systems"]
    first = next(iter(systems.values()))
    counts = ", ".join(f"{first[g]['queries']} {g}" for g in GROUPS[1:])
    lines = [f"nDCG@10 / MRR@10 (relevant = grade >= {metrics.RELEVANT}), {first['all']['queries']} queries ({counts})",
             f"{'system':<8}" + "".join(f"{g:>16}" for g in GROUPS) + f"{'judged@10':>11}"]
    for name, groups in systems.items():
        cells = "".join(f"{_fmt(groups[g]['ndcg']) + ' / ' + _fmt(groups[g]['mrr']):>16}" for g in GROUPS)
        lines.append(f"{name:<8}{cells}{_fmt(groups['all']['judged']):>11}")
    return "\n".join(lines)


def losses(result: dict, ours: str = "ours") -> str:
    """The queries on which ``ours`` has a lower nDCG@10 than a baseline, worst first."""
    lines = []
    for base in (n for n in result["systems"] if n != ours):
        lost = [q for q in result["queries"] if q["systems"][ours]["ndcg"] < q["systems"][base]["ndcg"] - 1e-9]
        lost.sort(key=lambda q: q["systems"][ours]["ndcg"] - q["systems"][base]["ndcg"])
        lines.append(f"{ours} below {base} on {len(lost)} queries (nDCG@10 {ours} vs {base}):")
        for q in lost:
            mine, theirs = q["systems"][ours]["ndcg"], q["systems"][base]["ndcg"]
            lines.append(f"  {q['id']:<6} {_pad(q['query'], 44)}{mine:.3f} vs {theirs:.3f}")
    return "\n".join(lines)


def write_pool(path: Path, coll: collection.Collection, queries, qrels, runs) -> int:
    """The unjudged paragraphs of each query's pool, with their text and where each system ranked them."""
    texts = {p.id: p.text for p in coll.paragraphs}
    written = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for q in queries:
            pooled = dict.fromkeys(pid for name in runs for pid in runs[name][q.id])
            for pid in pooled:
                if pid in qrels.get(q.id, {}):
                    continue
                ranks = {name: runs[name][q.id].index(pid) + 1 for name in runs if pid in runs[name][q.id]}
                fh.write(json.dumps({"query": q.id, "lang": q.lang, "q": q.q, "need": q.need, "paragraph": pid,
                                     "ranks": ranks, "text": texts[pid]}, ensure_ascii=False) + "\n")
                written += 1
    return written


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.shared.is_dir():
        print(f"python -m bench.relevance: shared corpus not found at {args.shared} "
              f"(give --shared PATH or set $RAPPORTEUR_SHARED_CORPUS)", file=sys.stderr)
        return 2
    queries = load_queries(args.queries)
    judgments = load_judgments(args.judgments, queries)
    work = args.index_dir or Path(tempfile.mkdtemp(prefix="rapporteur-relevance-"))
    try:
        try:
            coll = collection.build(args.shared, work / "collection", args.parts)
        except collection.MissingCorpus as exc:
            print(f"python -m bench.relevance: {exc}", file=sys.stderr)
            return 2
        summary = coll.summary()
        log(f"collection: {summary['paragraphs']} paragraphs {summary['by_lang']} from {summary['files']} files")
        full = coll.parts == collection.PARTS
        if full and judgments.fingerprint and judgments.fingerprint != summary["fingerprint"]:
            log("warning: this collection is not the one the judgments were made on (fingerprint differs)")
        ids = coll.ids()
        qrels = {qid: {pid: g for pid, g in grades.items() if pid in ids} for qid, grades in judgments.qrels.items()}
        build = prepare(coll, work, args.rebuild)
        runs = run_queries(work, queries)
        result = evaluate(queries, qrels, runs)
        if args.pool:
            log(f"pool: {write_pool(args.pool, coll, queries, qrels, runs)} unjudged paragraphs → {args.pool}")
    finally:
        if args.index_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    out = args.out or ROOT / "bench" / "out" / f"relevance-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": report.git_commit(ROOT),
           "machine": report.machine(), "collection": summary,
           "judgments": {"pairs": judgments.pairs(), "queries": len(judgments.qrels),
                         "fingerprint": judgments.fingerprint,
                         "fingerprint_matches": judgments.fingerprint == summary["fingerprint"]},
           "k": metrics.K, "relevant_grade": metrics.RELEVANT, "pool_depth": POOL_DEPTH, "build": build, **result}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(result))
    print(losses(result))
    log(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

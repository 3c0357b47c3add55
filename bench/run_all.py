#!/usr/bin/env python3
"""Runs the chipgate benchmarks and their baselines in one run and prints the table.

Called by bench/run after the Release build. Each figure is the median of several runs; ratios
compare with a baseline measured in this same run on the same data. Scales: 10^4, 10^5, 10^6.
CHIPGATE_BENCH_ONLY=screening runs the party-screening rows only (figures 4 and 6, on the
realistic and the dense workload, with the first pass; about 25 minutes on a quiet machine,
most of it building the 10^6 indexes), with recall per kind of planted variant.
CHIPGATE_BENCH_ONLY=licenses runs the license rows only (figure 8: `check` and `ship` against
100,000 licenses); each repetition gets a fresh copy of the database, so a command that writes
times the same work every time.
CHIPGATE_BENCH_ONLY=postgresql runs issue 18's rows only (audit of 10^6 parts and check of 100,000
lines on PostgreSQL against SQLite, the data moved with `db migrate`; then `chipgate serve` with 1
and 4 instances on the PostgreSQL database and on a SQLite copy, bench/serve_load.cc; under
scripts/pg-tmp). CHIPGATE_BENCH_PG_PARTS=100000 uses the 10^5-part data instead (its migration
takes a tenth of the time); CHIPGATE_BENCH_PG_BEFORE=PATH also times audit and check on PostgreSQL
with the chipgate at PATH (an earlier build), in the same run on the same data.
CHIPGATE_BENCH_ONLY=group-commit runs the audit-append rows only (figure 9: group commit against
one transaction per append, 1, 4 and 16 threads, per wall time, with the load average).
CHIPGATE_BENCH_ONLY=serve runs the service rows only (figure 10, bench/serve_load.cc: `chipgate
serve` with its audit log on, 1, 4 and 16 loopback clients, manifests of 1 and 100 lines, against
one `chipgate check` process per manifest on the same database in the same run; no record lost or
duplicated, `log verify` passes).
CHIPGATE_BENCH_ONLY=check-audit runs figures 2 and 3 only (audit and check at each scale), each next
to its floors (issue 19, bench/floors.cc): the flat scan for the audit; parsing the manifest,
looking up its parts and writing its records for the check.
"""
import json, os, shutil, subprocess, sys, statistics, time

ROOT = sys.argv[1]
SCALES = [int(s) for s in os.environ.get("CHIPGATE_BENCH_SCALES", "10000,100000,1000000").split(",")]
REPEAT = int(os.environ.get("CHIPGATE_BENCH_REPEAT", "3"))
ONLY = os.environ.get("CHIPGATE_BENCH_ONLY", "")
BIN = os.environ.get("CHIPGATE_BENCH_BIN", os.path.join(ROOT, "build-release"))  # bench/run's build
CLI = os.path.join(BIN, "chipgate")
DATA = os.path.join(ROOT, "bench", "data")
ENV = dict(os.environ)
LICENSES, LICENSE_LINES = 100000, 1000


def run(cmd, **kw):
    return subprocess.run(cmd, check=kw.pop("check", True), capture_output=True, text=True, env=ENV, **kw)


def timed(cmd, cwd=None, ok=(0, 1), before=None, out=None):
    """Median wall seconds and max peak RSS (MiB) over REPEAT runs, via GNU time. `before` runs
    (untimed) before each repetition; `out`, a list, receives the last run's stdout."""
    walls, rss = [], []
    for _ in range(REPEAT):
        if before:
            before()
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True, cwd=cwd, env=ENV)
        walls.append(time.perf_counter() - start)
        if p.returncode not in ok:
            raise SystemExit(f"bench: {' '.join(cmd)} failed ({p.returncode}): {p.stderr[-400:]}")
        rss.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
        if out is not None:
            out[:] = [p.stdout]
    return statistics.median(walls), max(rss)


def data(n):
    d = os.path.join(DATA, f"p{n}")
    db = os.path.join(d, "inv.db")
    if not os.path.exists(os.path.join(d, "ready-2")):  # 2: with manifest.json
        os.makedirs(d, exist_ok=True)
        lines = min(n, 100000)
        run([os.path.join(BIN, "bench", "chipgate_bench_gen"), d, str(n), str(lines)])
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        run([CLI, "db", "init", db])
        run([CLI, "db", "import", db, "--parts", os.path.join(d, "parts.csv"), "--components", os.path.join(d, "components.csv")])
        open(os.path.join(d, "ready-2"), "w").close()
    run([CLI, "db", "init", db])  # data made by an older chipgate: apply newer migrations
    return d, db


def micro(only=None):
    cmd = [os.path.join(BIN, "bench", "chipgate_bench_micro"), "--benchmark_format=json",
           "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"]
    if only:
        cmd.append("--benchmark_filter=" + only)
    out = run(cmd).stdout
    res = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            res[b["run_name"]] = b
    return res


def cedar(d):
    script = os.path.join(ROOT, "bench", "cedar", "bench.mjs")
    if not os.path.isdir(os.path.join(ROOT, "bench", "cedar", "node_modules")):
        return None
    p = run(["node", script, os.path.join(d, "lines.jsonl")], check=False, cwd=os.path.join(ROOT, "bench", "cedar"))
    if p.returncode != 0:
        print("bench: cedar failed:", p.stderr[-300:], file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def screening_rows(m, rows, results):
    """Figures 4 and 6: the indexed screener at 10^4, 10^5 and 10^6 listed parties, on the
    realistic workload and on the dense one (the stress rows, the workload of the earlier
    measurements), each next to brute force on a sample of the same queries (all of a 2 s run at
    10^4; 200 and 40 queries at 10^5 and 10^6), with the share of sampled queries on which both
    agree; and the first pass (a fresh index, each query screened once). Rates are names per CPU
    second."""
    targets = {10000: ">= 50 k names/s, recall >= 99%", 100000: "sub-linear", 1000000: ">= 10 k names/s, recall >= 99%"}
    for density in ("realistic", "dense"):
        label = "" if density == "realistic" else " (dense, stress)"
        rates = {}
        for n in (10000, 100000, 1000000):
            scr = next((v for k, v in m.items() if k.startswith(f"BM_ScreenList/{density}/{n}/")), None)
            brute = next((v for k, v in m.items() if k.startswith(f"BM_ScreenBruteForce/{density}/{n}/")), None)
            first = next((v for k, v in m.items() if k.startswith(f"BM_ScreenFirstPass/{density}/{n}/")), None)
            if not scr:
                continue
            rate = scr["items_per_second"]
            rates[n] = rate
            ratio = ""
            if brute:
                ratio = (f"{rate/brute['items_per_second']:.0f}x brute force (agree "
                         f"{brute['agree']*100:.1f}% of {brute['sampled']:.0f})")
            rows.append((f"4 party screening{label}, {n:,} parties ({scr['list_names']:,.0f} names)",
                         f"{rate/1e3:.1f} k names/s, recall {scr['recall']*100:.2f}%, false review "
                         f"{scr['false_review_rate']*100:.2f}% (exact {scr['false_exact_rate']*100:.3f}%)",
                         targets[n], ratio))
            if first:
                rows.append((f"4 first pass{label}, {n:,} parties",
                             f"{first['items_per_second']/1e3:.1f} k names/s, recall {first['recall']*100:.2f}% "
                             f"({first['iterations']:.0f} names, each once, fresh index)", targets[n], ""))
            kinds = sorted(k for k in scr if k.startswith("recall_"))
            rows.append((f"4 recall by kind{label}, {n:,} parties", " ".join(f"{k[7:]} {scr[k]*100:.1f}%" for k in kinds), "", ""))
            rows.append((f"4 index of {n:,} parties{label}", f"built in {scr['build_seconds']:.2f} s CPU, {scr['index_mib']:.0f} MiB, "
                         f"brand_repeat {scr['brand_repeat']:.1f}", "", ""))
            results[f"screening_{density}_{n}"] = {k: v for k, v in scr.items() if isinstance(v, (int, float))}
            if brute:
                results[f"screening_brute_{density}_{n}"] = {k: v for k, v in brute.items() if isinstance(v, (int, float))}
            if first:
                results[f"screening_first_{density}_{n}"] = {k: v for k, v in first.items() if isinstance(v, (int, float))}
        for a, b in ((10000, 100000), (100000, 1000000)):
            if a in rates and b in rates:
                rows.append((f"6 screening{label}, per-name cost {a:,} -> {b:,} parties", f"x{rates[a]/rates[b]:.2f} for x10", "sub-linear (< x10)", ""))


def license_data():
    """Figure 8's data (bench/license_gen.cc): one database with the parts, the customer master and
    LICENSES licenses, and the same database without the licenses (the baseline)."""
    d = os.path.join(DATA, f"licenses{LICENSES}")
    db, bare = os.path.join(d, "licenses.db"), os.path.join(d, "no-licenses.db")
    if not os.path.exists(os.path.join(d, "ready-2")):
        os.makedirs(d, exist_ok=True)
        run([os.path.join(BIN, "bench", "chipgate_bench_license_gen"), d, str(LICENSES), str(LICENSE_LINES)])
        for path, licenses in ((db, True), (bare, False)):
            for f in (path, path + "-wal", path + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
            run([CLI, "db", "init", path])
            files = ["--parts", os.path.join(d, "parts.csv"), "--components", os.path.join(d, "components.csv"),
                     "--parties", os.path.join(d, "parties.csv")]
            if licenses:
                files += ["--licenses", os.path.join(d, "licenses.csv")]
            run([CLI, "db", "import", path] + files)
        open(os.path.join(d, "ready-2"), "w").close()
    for path in (db, bare):
        run([CLI, "db", "init", path])  # data made by an older chipgate: apply newer migrations
    return d, db, bare


def license_rows(rows, results):
    """Figure 8. `check` (the dry run) of a LICENSE_LINES-line manifest whose lines need licenses,
    against a database of LICENSES licenses, next to the same check against the same database
    without licenses (every line then held with no-covering-license): the difference is what
    licenses cost. Then `ship` of LICENSE_LINES lines that may ship (the first of the generated
    candidates that `check` clears), next to `check` of the same manifest: the difference is what
    recording costs (the shipment, its lines, the license uses, the audit records, one
    transaction)."""
    d, db, bare = license_data()
    work = os.path.join(d, "work.db")

    def fresh(src):  # a new copy per repetition: ship writes, and check appends to the audit log
        for f in (work, work + "-wal", work + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        shutil.copyfile(src, work)

    def report(out):
        try:
            return json.loads(out[0])
        except (ValueError, IndexError):
            return {}

    cmd = [CLI, "check", os.path.join(d, "manifest.json"), "--db", work, "--format", "json"]
    out = []
    lic_s, lic_rss = timed(cmd, before=lambda: fresh(db), out=out)
    base_s, base_rss = timed(cmd, before=lambda: fresh(bare))
    lines = report(out).get("lines", [])
    by_license = sum(1 for l in lines if (l.get("authorization") or {}).get("kind") == "license")
    refused = sum(1 for l in lines if "license_refused" in l)
    per_line = (lic_s - base_s) / LICENSE_LINES
    results["licenses"] = {"command": "check", "seconds": lic_s, "baseline_seconds": base_s,
                           "rss_mib": lic_rss, "lines": LICENSE_LINES, "licenses": LICENSES,
                           "cleared_by_license": by_license, "refused": refused}
    rows.append((f"8 check {LICENSE_LINES:,} lines vs {LICENSES:,} licenses",
                 f"{lic_s:.2f} s, {lic_s / LICENSE_LINES * 1e3:.2f} ms/line, {lic_rss:.0f} MiB "
                 f"({by_license} cleared by a license, {refused} refused)",
                 "", f"{lic_s / base_s:.2f}x no licenses ({base_s:.2f} s); licenses {per_line * 1e6:.0f} us/line"))

    # The ship manifest: the first LICENSE_LINES candidates check clears, in their order (a held
    # line draws nothing, so leaving it out changes no other line's match).
    ship_manifest = os.path.join(d, "ship-manifest.json")
    if not os.path.exists(ship_manifest):
        fresh(db)
        cand = json.load(open(os.path.join(d, "ship-candidates.json")))
        r = run([CLI, "check", os.path.join(d, "ship-candidates.json"), "--db", work, "--format",
                 "json", "--no-audit"], check=False)
        decided = json.loads(r.stdout)["lines"]
        keep = [cand["lines"][i] for i, l in enumerate(decided)
                if l["decision"] in ("no_license_required", "license_exception") or l.get("authorization")]
        cand["lines"] = keep[:LICENSE_LINES]
        with open(ship_manifest, "w") as f:
            json.dump(cand, f)
    n_ship = len(json.load(open(ship_manifest))["lines"])
    ship = [CLI, "ship", ship_manifest, "--db", work, "--format", "json"]
    out = []
    ship_s, ship_rss = timed(ship, ok=(0,), before=lambda: fresh(db), out=out)
    shipped = report(out)
    dry_s, _ = timed([CLI, "check", ship_manifest, "--db", work, "--format", "json"], before=lambda: fresh(db))
    ship_by_license = sum(1 for l in shipped.get("lines", [])
                          if (l.get("authorization") or {}).get("kind") == "license")
    results["ship"] = {"seconds": ship_s, "check_seconds": dry_s, "rss_mib": ship_rss, "lines": n_ship,
                       "licenses": LICENSES, "shipped": shipped.get("shipped"),
                       "cleared_by_license": ship_by_license}
    status = "" if shipped.get("shipped") is True and n_ship == LICENSE_LINES else " NOT SHIPPED WHOLE"
    rows.append((f"8 ship {n_ship:,} lines vs {LICENSES:,} licenses",
                 f"{ship_s:.2f} s, {ship_s / n_ship * 1e3:.2f} ms/line, {ship_rss:.0f} MiB "
                 f"({ship_by_license} under a license){status}",
                 "", f"{ship_s / dry_s:.2f}x check of the same manifest ({dry_s:.2f} s); recording "
                 f"{(ship_s - dry_s) / n_ship * 1e6:.0f} us/line"))


def group_commit_rows(rows, results):
    """Figure 9 (bench/group_commit_bench.cc): durable audit-log appends per wall second from 1, 4
    and 16 threads, 1 and 100 records per append, through GroupCommitLog and, as the baseline in
    the same run on the same settings, one transaction per append (one connection shared under a
    mutex; and a connection per thread, serialised by SQLite's lock). Wall time on a shared machine:
    the load average before and after is reported with the figures. Medians of 5 interleaved
    repetitions of at least 1 s each."""
    work = os.path.join(DATA, "group-commit")
    load_before = os.getloadavg()
    # Repetitions interleaved at random: the disk's fsync time drifts on a shared host, and a mode
    # measured only at one moment would carry that moment's drift into its ratio.
    out = run([os.path.join(BIN, "bench", "chipgate_bench_group_commit"), "--benchmark_format=json",
               "--benchmark_repetitions=5", "--benchmark_enable_random_interleaving=true",
               "--benchmark_report_aggregates_only=true", work]).stdout
    load_after = os.getloadavg()
    med = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            med[b["run_name"]] = b

    def rate(kind, entries, threads):
        b = next((v for k, v in med.items() if k.startswith(f"BM_{kind}/entries:{entries}/")
                  and k.endswith(f"/threads:{threads}")), None)
        return b, (b["items_per_second"] if b else 0.0)

    for entries in (1, 100):
        for threads in (1, 4, 16):
            g, gr = rate("GroupCommit", entries, threads)
            _, sr = rate("TransactionPerAppendShared", entries, threads)
            _, orate = rate("TransactionPerAppendOwnConnection", entries, threads)
            if not g:
                continue
            results[f"group_commit_{entries}_{threads}"] = {
                "group_commit_appends_per_s": gr, "per_append_shared_per_s": sr,
                "per_append_own_connection_per_s": orate,
                "calls_per_transaction": g.get("calls_per_transaction", 0)}
            rows.append((f"9 audit appends of {entries} record{'s' if entries > 1 else ''}, {threads} thread{'s' if threads > 1 else ''}",
                         f"{gr:,.0f} appends/s ({gr * entries:,.0f} records/s), "
                         f"{g.get('calls_per_transaction', 0):.1f} calls/transaction",
                         "", f"{gr / sr:.2f}x one transaction per append ({sr:,.0f}/s; "
                         f"connection per thread {orate:,.0f}/s)" if sr else ""))
    results["group_commit_load"] = {"before": load_before, "after": load_after}
    rows.append(("9 load average (1, 5, 15 min) before / after",
                 " ".join(f"{x:.1f}" for x in load_before) + " / " + " ".join(f"{x:.1f}" for x in load_after),
                 "", ""))


def postgresql_rows(rows, results):
    """Issue 18: the audit of 10^6 parts and the check of 100,000 lines on PostgreSQL against SQLite
    on the same data: the 10^6-part bench database moved into the server with `chipgate db migrate`
    (timed once: the target must be empty), then each command on both, the same number of
    repetitions, alternating; with CHIPGATE_BENCH_PG_BEFORE, the same commands on PostgreSQL by an
    earlier chipgate too. Then the served rows (pg_serve_rows). Needs CHIPGATE_PG_URI (bench/run
    starts scripts/pg-tmp for it). CHIPGATE_BENCH_PG_PARTS picks the data (default 10^6)."""
    pg = os.environ.get("CHIPGATE_PG_URI")
    if not pg:
        raise SystemExit("bench: CHIPGATE_BENCH_ONLY=postgresql needs CHIPGATE_PG_URI (scripts/pg-tmp)")
    n = int(os.environ.get("CHIPGATE_BENCH_PG_PARTS", "1000000"))
    before = os.environ.get("CHIPGATE_BENCH_PG_BEFORE")
    results["pg_load"] = {"before": os.getloadavg()}
    d, db = data(n)
    start = time.perf_counter()
    run([CLI, "db", "migrate", "--from", db, "--to", pg])
    migrate_s = time.perf_counter() - start
    results["pg_migrate"] = {"seconds": migrate_s, "parts": n}
    rows.append((f"18 db migrate {n:,} parts SQLite -> PostgreSQL", f"{migrate_s:.1f} s", "", ""))
    audit_db = os.path.join(d, "check-audit.db")

    def fresh_log():
        for f in (audit_db, audit_db + "-wal", audit_db + "-shm"):
            if os.path.exists(f):
                os.remove(f)

    audit = {}
    runs = [("sqlite", CLI, db), ("postgresql", CLI, pg)] + ([("postgresql_before", before, pg)] if before else [])
    for name, cli, where in runs:
        out = []
        audit[name] = timed([cli, "audit", "--db", where, "--date", "2025-06-01", "--no-record", "--format", "json"],
                            out=out) + (json.loads(out[0])["parts_by_class"],)
    same = all(a[2] == audit["sqlite"][2] for a in audit.values())
    results["pg_audit"] = {k: {"seconds": v[0], "rss_mib": v[1]} for k, v in audit.items()}
    results["pg_audit"]["same_classes"] = same
    rows.append((f"18 audit {n:,} parts (json), PostgreSQL", f"{audit['postgresql'][0]:.2f} s, {audit['postgresql'][1]:.0f} MiB",
                 "", f"{audit['postgresql'][0] / audit['sqlite'][0]:.2f}x SQLite ({audit['sqlite'][0]:.2f} s)"
                 + (f"; before: {audit['postgresql_before'][0]:.2f} s" if before else "")
                 + ("" if same else " CLASSES DIFFER")))
    manifest = os.path.join(d, "manifest.json")
    lines = min(n, 100000)
    lite_s, lite_rss = timed([CLI, "check", manifest, "--db", db, "--audit", audit_db, "--format", "json"], before=fresh_log)
    pg_out, lite_out = [], []
    pg_s, pg_rss = timed([CLI, "check", manifest, "--db", pg, "--format", "json"], out=pg_out)
    results["pg_check"] = {"sqlite_s": lite_s, "postgresql_s": pg_s, "sqlite_rss_mib": lite_rss,
                           "postgresql_rss_mib": pg_rss, "lines": lines}
    before_note = ""
    if before:
        old_out = []
        old_s, _ = timed([before, "check", manifest, "--db", pg, "--format", "json"], out=old_out)
        # The decisions must not change: the lines' decisions of both builds, compared.
        decided = lambda out: [l["decision"] for l in json.loads(out[0])["lines"]]
        same_lines = decided(pg_out) == decided(old_out)
        results["pg_check"]["postgresql_before_s"] = old_s
        results["pg_check"]["same_decisions_as_before"] = same_lines
        before_note = f"; before: {old_s:.2f} s" + ("" if same_lines else " DECISIONS DIFFER")
    rows.append((f"18 check {lines:,} lines (json) vs {n:,} parts, audit on, PostgreSQL", f"{pg_s:.2f} s, {pg_rss:.0f} MiB",
                 "", f"{pg_s / lite_s:.2f}x SQLite ({lite_s:.2f} s){before_note}"))
    pg_serve_rows(rows, results, db, pg, n)
    results["pg_load"]["after"] = os.getloadavg()
    rows.append(("18 load average (1, 5, 15 min) before / after",
                 " ".join(f"{x:.1f}" for x in results["pg_load"]["before"]) + " / "
                 + " ".join(f"{x:.1f}" for x in results["pg_load"]["after"]), "", ""))


def pg_serve_rows(rows, results, db, pg, n):
    """Issue 18's served rows (bench/serve_load.cc): `chipgate serve`, audit log on, with 1 and
    with 4 instances on the PostgreSQL database and on a copy of the SQLite one (4 instances there
    share one file: SQLite lets one process write at a time), the same data, manifests of 1 and
    100 lines from CHIPGATE_BENCH_PG_SERVE_CLIENTS loopback clients (default 16), spread over the
    instances. Each configuration is bounded by CHIPGATE_BENCH_SERVE_REQUESTS requests (default
    400) and 15 s. The tool counts the records with `log verify --db` (on either database) and
    fails the row when any 200's records are missing or doubled or the log does not verify."""
    requests = os.environ.get("CHIPGATE_BENCH_SERVE_REQUESTS", "400")
    clients = os.environ.get("CHIPGATE_BENCH_PG_SERVE_CLIENTS", "16")
    work = os.path.join(DATA, "pg-serve")
    tool = os.path.join(BIN, "bench", "chipgate_bench_serve")
    for backend in ("postgresql", "sqlite"):
        for instances in (1, 4):
            cmd = [tool, CLI, db, work, "--parts", str(n), "--requests", requests, "--seconds", "15",
                   "--cli-runs", "0", "--instances", str(instances), "--clients", clients]
            if backend == "postgresql":
                cmd += ["--db-uri", pg]
            p = run(cmd, check=False)
            docs = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
            check = next((x for x in docs if x["mode"] == "check"), None)
            good = p.returncode == 0 and check is not None
            for x in docs:
                if x["mode"] != "serve":
                    continue
                results[f"pg_serve_{backend}_{instances}_{x['lines']}_{x['clients']}"] = x
                rows.append((f"18 serve on {'PostgreSQL' if backend == 'postgresql' else 'SQLite'}, "
                             f"{instances} instance{'s' if instances > 1 else ''}, {x['lines']}-line manifests, "
                             f"{x['clients']} clients",
                             f"{x['decisions_per_s']:,.0f} decisions/s ({x['requests_per_s']:,.0f} req/s), "
                             f"p50 {x['p50_ms']:.1f} ms, p99 {x['p99_ms']:.1f} ms, {x['ok']}/{x['requests']} ok",
                             "", ""))
            results[f"pg_serve_{backend}_{instances}_check"] = check
            rows.append((f"18 serve on {backend}, {instances} instance{'s' if instances > 1 else ''}: records, log verify",
                         (f"{check['records_after']:,} = {check['records_expected']:,}, verified {check['log_verified']}"
                          if check else "no check printed") + ("" if good else f" FAILED (exit {p.returncode}): "
                                                               + p.stderr.strip()[-200:]),
                         "equal, verified", ""))


def serve_rows(rows, results):
    """Figure 10 (bench/serve_load.cc): requests and decisions per second and p50/p99 latency of
    `chipgate serve` (audit log on) from 1, 4 and 16 loopback clients, 1- and 100-line manifests,
    and the same manifests through one `chipgate check` process each, in the same run on a copy of
    the 10^4-part database. The tool checks that the log holds exactly the records of every 200
    and every CLI run and that `log verify` passes; a failed check fails the row."""
    n = 10000
    _, db = data(n)
    work = os.path.join(DATA, "serve-load")
    requests = os.environ.get("CHIPGATE_BENCH_SERVE_REQUESTS", "400")
    load_before = os.getloadavg()
    p = run([os.path.join(BIN, "bench", "chipgate_bench_serve"), CLI, db, work, "--parts", str(n),
             "--requests", requests, "--seconds", "20", "--cli-runs", "30"], check=False)
    load_after = os.getloadavg()
    docs = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    cli = {d["lines"]: d for d in docs if d["mode"] == "cli"}
    for d in docs:
        if d["mode"] != "serve":
            continue
        results[f"serve_{d['lines']}_{d['clients']}"] = d
        base = cli.get(d["lines"])
        ratio = f"{d['requests_per_s'] / base['requests_per_s']:.0f}x a process per manifest" if base else ""
        target = ">= 20x; p99 < 10 ms" if d["lines"] == 1 and d["clients"] == 4 else ">= 20x"
        rows.append((f"10 serve {d['lines']}-line manifests, {d['clients']} client{'s' if d['clients'] > 1 else ''}",
                     f"{d['requests_per_s']:,.0f} req/s ({d['decisions_per_s']:,.0f} decisions/s), "
                     f"p50 {d['p50_ms']:.2f} ms, p99 {d['p99_ms']:.2f} ms, {d['ok']}/{d['requests']} ok",
                     target, ratio))
    for lines, d in sorted(cli.items()):
        results[f"serve_cli_{lines}"] = d
        rows.append((f"10 chipgate check, a process per {lines}-line manifest",
                     f"{d['requests_per_s']:,.1f} manifests/s ({d['decisions_per_s']:,.0f} decisions/s), "
                     f"p50 {d['p50_ms']:.1f} ms", "", ""))
    check = next((d for d in docs if d["mode"] == "check"), None)
    results["serve_check"] = check
    results["serve_load"] = {"before": load_before, "after": load_after}
    good = p.returncode == 0 and check is not None
    rows.append(("10 records: log = before + 200s x lines + CLI runs x lines, log verify",
                 (f"{check['records_after']:,} = {check['records_expected']:,}, verified {check['log_verified']}"
                  if check else "no check printed") + ("" if good else f" FAILED (exit {p.returncode})"),
                 "equal, verified", ""))
    rows.append(("10 load average (1, 5, 15 min) before / after",
                 " ".join(f"{x:.1f}" for x in load_before) + " / " + " ".join(f"{x:.1f}" for x in load_after),
                 "", ""))


def floor(args, before=None):
    """Median seconds (and the last run's JSON) of one chipgate_bench_floors mode over REPEAT runs:
    the least the machine needs for one part of a check or an audit (bench/floors.cc)."""
    secs, doc = [], None
    for _ in range(REPEAT):
        if before:
            before()
        doc = json.loads(run([os.path.join(BIN, "bench", "chipgate_bench_floors")] + args).stdout)
        secs.append(doc["seconds"])
    return statistics.median(secs), doc


def timed_in_turn(cmds):
    """Like timed, for several commands run in turn within each repetition (a, b, c, a, b, c...),
    so a machine whose load changes during the run weighs on each alike. Returns, per name, the
    median wall seconds, the max peak RSS (MiB), the last run's stdout and the median CPU seconds
    (user + system: on a loaded machine the wall time of a thread waiting for a core says little)."""
    walls, rss, cpus, outs = {k: [] for k in cmds}, {k: [] for k in cmds}, {k: [] for k in cmds}, {}
    for _ in range(REPEAT):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd, capture_output=True, text=True, env=ENV)
            walls[name].append(time.perf_counter() - start)
            if p.returncode not in (0, 1):
                raise SystemExit(f"bench: {' '.join(cmd)} failed ({p.returncode}): {p.stderr[-400:]}")
            user, system, peak = p.stderr.strip().splitlines()[-1].split()
            rss[name].append(int(peak) / 1024)
            cpus[name].append(float(user) + float(system))
            outs[name] = p.stdout
    return {k: (statistics.median(walls[k]), max(rss[k]), outs[k], statistics.median(cpus[k])) for k in cmds}


def audit_check_rows(rows, results):
    """Figures 2 and 3 (audit and check at each scale), each with its floors (issue 19). The audit
    runs with --threads 1 and 2, in turn with the SQL baseline; CHIPGATE_BENCH_AUDIT_BEFORE=PATH
    also times the chipgate at PATH (an earlier build, without --threads) in the same turns."""
    before = os.environ.get("CHIPGATE_BENCH_AUDIT_BEFORE")
    for n in SCALES:
        d, db = data(n)
        audit = [CLI, "audit", "--db", db, "--date", "2025-06-01", "--no-record", "--format", "json"]
        cmds = {"sql": [os.path.join(BIN, "bench", "chipgate_bench_sql"), db]}
        if before:
            cmds["before"] = [before] + audit[1:]
        cmds["1"] = audit + ["--threads", "1"]
        cmds["2"] = audit + ["--threads", "2"]
        got = timed_in_turn(cmds)
        sql_s = got["sql"][0]
        # The baseline must compute the same classification: every class count must agree.
        sql_classes = json.loads(got["sql"][2].strip().splitlines()[-1])["by_class"]
        scan_s, scan = floor(["scan", db])
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        results[f"audit_{n}"] = {"sql_s": sql_s, "sql_cpu_s": got["sql"][3], "floor_scan_s": scan_s,
                                 "floor_scan_parts_s": scan["parts_seconds"], "load_after": load}
        for name in [k for k in ("before", "1", "2") if k in got]:
            aud_s, aud_rss, out, aud_cpu = got[name]
            same = json.loads(out)["parts_by_class"] == sql_classes
            if not same:
                print(f"bench: audit ({name}) and SQL disagree at {n}", file=sys.stderr)
            results[f"audit_{n}"][name] = {"audit_s": aud_s, "audit_cpu_s": aud_cpu, "audit_rss_mib": aud_rss,
                                           "same_classes": same}
            what = "before (" + os.path.basename(os.path.dirname(os.path.dirname(before))) + ")" if name == "before" \
                else f"{name} thread{'s' if name != '1' else ''}"
            rows.append((f"2 audit {n:,} parts (json), {what}", f"{aud_s:.3f} s ({aud_cpu:.2f} CPU s), {aud_rss:.0f} MiB",
                         "audit/SQL <= 1.0, <= 2x floor", f"{aud_s/sql_s:.2f}x SQL ({sql_s:.3f} s, {got['sql'][3]:.2f} CPU s), "
                         f"{aud_s/scan_s:.1f}x floor" + ("" if same else " CLASSES DIFFER")))
        rows.append((f"2 floor: flat scan of {n:,} parts + {scan['edges']:,} BOM edges", f"{scan_s:.3f} s",
                     "", f"load average after: {load}"))
    for n in SCALES:
        d, db = data(n)
        audit_db = os.path.join(d, "check-audit.db")

        def fresh_log():  # each repetition starts a new audit log, so all three do the same work
            for f in (audit_db, audit_db + "-wal", audit_db + "-shm"):
                if os.path.exists(f):
                    os.remove(f)

        lines = min(n, 100000)
        for fmt in ("yaml", "json"):
            chk_s, chk_rss = timed([CLI, "check", os.path.join(d, "manifest." + fmt), "--db", db, "--audit", audit_db,
                                    "--format", "json"], before=fresh_log)
            # The floors (bench/floors.cc), each alone: parsing the manifest, looking up its parts
            # in one SQL pass, writing the records this check wrote into a new database.
            manifest = os.path.join(d, "manifest." + fmt)
            parse_s, parsed = floor(["parse", manifest])
            lookup_s, _ = floor(["lookup", db, os.path.join(d, "manifest.json")])
            copy_db = os.path.join(d, "floor-records.db")

            def fresh_copy():
                for f in (copy_db, copy_db + "-wal", copy_db + "-shm"):
                    if os.path.exists(f):
                        os.remove(f)
                run([CLI, "db", "init", copy_db])

            records_s, written = floor(["records", audit_db, copy_db], before=fresh_copy)
            floor_s = parse_s + lookup_s + records_s
            if parsed["lines"] != lines or written["records"] != lines:
                print(f"bench: floors disagree with the check at {n}: {parsed} {written}", file=sys.stderr)
            results[f"check_{n}_{fmt}"] = {"seconds": chk_s, "lines": lines, "rss_mib": chk_rss,
                                           "floor_parse_s": parse_s, "floor_lookup_s": lookup_s,
                                           "floor_records_s": records_s, "floor_s": floor_s}
            rows.append((f"3 check {lines:,} lines ({fmt}) vs {n:,} parts, audit on", f"{chk_s:.2f} s, {chk_rss:.0f} MiB",
                         "< 1.5 s, < 150 MB (10^6)", f"{chk_s/floor_s:.1f}x floor ({floor_s:.2f} s)"))
            rows.append((f"3 floor: parse {fmt} + look up parts + write {lines:,} records",
                         f"{parse_s:.2f} + {lookup_s:.2f} + {records_s:.2f} s", "", ""))


def print_rows(rows):
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    head = ("figure", "measured", "target", "ratio")
    print("  ".join(h.ljust(w) for h, w in zip(head, width)))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, width)))


def main():
    rows, results = [], {}
    # CHIPGATE_BENCH_ONLY: one group of rows, written to its own results file.
    only = {"screening": (lambda: screening_rows(micro("BM_Screen"), rows, results), "results-screening.json"),
            "licenses": (lambda: license_rows(rows, results), "results-licenses.json"),
            "group-commit": (lambda: group_commit_rows(rows, results), "results-group-commit.json"),
            "postgresql": (lambda: postgresql_rows(rows, results), "results-postgresql.json"),
            "check-audit": (lambda: audit_check_rows(rows, results), "results-check-audit.json"),
            "serve": (lambda: serve_rows(rows, results), "results-serve.json")}
    if ONLY in only:
        measure, name = only[ONLY]
        measure()
        print_rows(rows)
        os.makedirs(DATA, exist_ok=True)
        with open(os.path.join(DATA, name), "w") as f:
            json.dump(results, f, indent=2)
        return
    m = micro()
    decide = m["BM_DecideResolvedLines"]["items_per_second"]
    compile_ms = m["BM_LoadAndCompileUsEar"]["real_time"]
    results["micro"] = {k: v["items_per_second"] if "items_per_second" in v else v["real_time"] for k, v in m.items()}
    rows.append(("1 decisions, resolved lines, 1 thread (Decide)", f"{decide/1e6:.2f} M lines/s", ">= 2.00 M lines/s", ""))
    batch = m.get("BM_DecideManifestLines")
    if batch:
        rows.append(("1 decisions, manifests of 100 lines (DecideLines)", f"{batch['items_per_second']/1e6:.2f} M lines/s",
                     ">= 2.00 M lines/s", ""))
    d100k, _ = data(100000)
    c = cedar(d100k)
    if c:
        ratio = decide / c["lines_per_second"]
        results["cedar"] = c
        rows.append(("1 Cedar (cedar-wasm, node), same logic", f"{c['lines_per_second']/1e3:.1f} k lines/s",
                     "chipgate/Cedar >= 20x", f"{ratio:.0f}x"))
    screening_rows(m, rows, results)
    rows.append(("5 load+validate+compile us-ear", f"{compile_ms:.2f} ms", "< 20 ms", ""))
    for name, label, unit in (("BM_DecideScaling", "decisions, catalogue of {:,} parts", "M lines/s"),):
        for n in (1000, 10000, 100000, 1000000):
            key = name.format(n) if "{}" in name else f"{name}/{n}"
            if key in m:
                rate = m[key]["items_per_second"]
                results["scaling_" + key] = rate
                shown = f"{rate/1e6:.2f} {unit}" if unit.startswith("M") else f"{rate/1e3:.1f} {unit}"
                rows.append(("6 " + label.format(n), shown, "linear or better", ""))
    audit_check_rows(rows, results)
    license_rows(rows, results)
    group_commit_rows(rows, results)
    serve_rows(rows, results)
    print_rows(rows)
    with open(os.path.join(DATA, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()

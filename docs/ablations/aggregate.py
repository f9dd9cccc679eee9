#!/usr/bin/env python3
"""Builds the tables of docs/ablations.md from docs/ablations/raw/ (written by collect.py).

Usage: python3 docs/ablations/aggregate.py

Writes docs/ablations/tables.md (every table, mean +- sample standard deviation over the seeds) and
docs/ablations/plot-TASK.csv (panel, line, x, mean score: the input of PlotAblations.java). Python standard
library only.
"""
import csv
import glob
import os
import statistics
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw")
TASKS = [("bandit", "bandit-mixed, EDP-IQL, K = 100, trained with DPM-Solver-3 (15 calls, logSNR grid), EAS argmax"
          " over N = 50; 100 episodes per setting"),
         ("fork", "pointmaze-fork-multimodal, EDP-IQL, K = 100, VP schedule, trained with DPM-Solver-3 (15 calls,"
          " time-uniform grid), EAS softmax over N = 10; 20 episodes per setting"),
         ("pend", "pendulum-medium, EDP-TD3, K = 100, trained with DPM-Solver-3 (15 calls, time-uniform grid), EAS"
          " softmax over N = 10; 10 episodes per setting"),
         ("hopper", "hopper-medium-expert (built-in, MuJoCo 2.2.2), EDP-TD3 with the library defaults (3 x 256, K ="
          " 1000, DPM-Solver-3 15 calls time-uniform, EAS softmax over N = 10), 8,000 iterations, one seed; 5"
          " episodes per setting")]
SELECTIONS = [("argmax", "argmax"), ("softmax", "softmax T = 1"), ("softmax005", "softmax T = 0.05")]
CANDIDATES = [1, 2, 5, 10, 20, 50]
CALLS = [3, 5, 10, 15, 30]
GRIDS = [("time_uniform", "time-uniform"), ("logsnr", "logSNR"), ("time_quadratic", "time-quadratic")]


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def ms(values, digits=1):
    """mean +- std (n) of a list; '' when empty."""
    if not values:
        return ""
    m = statistics.mean(values)
    if len(values) == 1:
        return "%.*f" % (digits, m)
    return "%.*f ± %.*f" % (digits, m, digits, statistics.stdev(values))


def ablation_files(task, selection):
    return sorted(glob.glob(os.path.join(RAW, "ablate", "%s-s*-%s.csv" % (task, selection))))


def seeds_of(files):
    return [os.path.basename(f).split("-")[1] for f in files]


def latency(task):
    """median over seeds of each setting's latency (ms), from the latency pass, keyed like the rows"""
    out = defaultdict(list)
    for f in sorted(glob.glob(os.path.join(RAW, "latency", "%s-s*.csv" % task))):
        for r in read(f):
            out[key(r)].append(float(r["latency_ms"]))
    return {k: statistics.median(v) for k, v in out.items()}


def key(r):
    if r["sweep"] == "eas":
        return ("eas", int(r["eas_candidates"]))
    return ("sampler", r["sampler"], r["grid"], int(r["model_calls"]))


def main():
    md = []
    plots = {}
    for task, title in TASKS:
        lat = latency(task)
        # Fig. 4: score vs N, per selection rule
        by = {}
        for sel, _ in SELECTIONS:
            files = ablation_files(task, sel)
            scores = defaultdict(list)
            for f in files:
                for r in read(f):
                    if r["sweep"] == "eas":
                        scores[int(r["eas_candidates"])].append(float(r["normalized_score"]))
            if files:
                by[sel] = (seeds_of(files), scores)
        if not by:
            continue
        md.append("### %s: score vs EAS candidates N\n\n%s.\n" % (task, title))
        header = "| N |" + "".join(" %s (%s %s) |" % (label, "seeds" if len(by[sel][0]) > 1 else "seed",
                                                       ",".join(by[sel][0]).replace("s", ""))
                                   for sel, label in SELECTIONS if sel in by)
        md.append(header + (" latency (ms/action) |" if lat else ""))
        md.append("|---:|" + "---:|" * (len(by) + (1 if lat else 0)))
        for n in CANDIDATES:
            cells = "".join(" %s |" % ms(by[sel][1].get(n, [])) for sel, _ in SELECTIONS if sel in by)
            lcell = (" %.2f |" % lat[("eas", n)]) if ("eas", n) in lat else (" |" if lat else "")
            md.append("| %d |%s%s" % (n, cells, lcell))
            for sel, label in SELECTIONS:
                if sel in by and by[sel][1].get(n):
                    plots.setdefault(task, []).append(("eas", "EAS " + label, n, statistics.mean(by[sel][1][n])))
        md.append("")
        # Fig. 5: score vs model calls, with the policy's own selection
        own = [f for sel, _ in SELECTIONS for f in ablation_files(task, sel)
               if any(r["sweep"] == "sampler" for r in read(f))]
        if not own:
            continue
        scores = defaultdict(list)
        steps = set()
        for f in own:
            for r in read(f):
                if r["sweep"] == "sampler":
                    scores[key(r)].append(float(r["normalized_score"]))
                    if r["sampler"] == "ddpm":
                        steps.add(int(r["model_calls"]))
        md.append("### %s: score vs sampler model calls (seeds %s)\n" % (
            task, ",".join(seeds_of(own)).replace("s", "")))
        md.append("| model calls |" + "".join(" DPM-Solver-3, %s |" % g for _, g in GRIDS)
                  + (" latency (ms/action, logSNR) |" if lat else ""))
        md.append("|---:|" + "---:|" * (len(GRIDS) + (1 if lat else 0)))
        for m in CALLS:
            cells = "".join(" %s |" % ms(scores.get(("sampler", "dpm", g, m), [])) for g, _ in GRIDS)
            lk = ("sampler", "dpm", "logsnr", m)
            lcell = (" %.2f |" % lat[lk]) if lk in lat else (" |" if lat else "")
            md.append("| %d |%s%s" % (m, cells, lcell))
            for g, label in GRIDS:
                v = scores.get(("sampler", "dpm", g, m))
                if v:
                    plots.setdefault(task, []).append(("sampler", "DPM-Solver " + label, m, statistics.mean(v)))
        for k in sorted(steps):
            v = scores.get(("sampler", "ddpm", "", k), [])
            lk = ("sampler", "ddpm", "", k)
            lcell = (" %.2f |" % lat[lk]) if lk in lat else (" |" if lat else "")
            md.append("| DDPM chain, %d |%s%s" % (k, " %s |" % ms(v) + " |" * (len(GRIDS) - 1), lcell))
            if v:
                plots.setdefault(task, []).append(("sampler", "DDPM (K = %d)" % k, k, statistics.mean(v)))
        md.append("")
    runs = {r["run"]: r for r in read(os.path.join(RAW, "runs.csv"))}
    evals = read(os.path.join(RAW, "evals.csv"))

    def last_evals(run, count):
        s = [float(x) for x in runs[run]["eval_scores"].split()]
        return statistics.mean(s[-count:])

    # K sweep
    ks = sorted({int(r["steps"]) for r in runs.values() if r["run"].startswith("bandit-k")})
    if ks:
        md.append("### bandit: diffusion steps K, trained with action approximation\n")
        md.append("| K | seeds | final policy, acting as trained (500 episodes) | final policy through the K-step DDPM"
                  " chain, argmax over 50 (500 episodes) | mean of the last 4 in-training evaluations (iterations"
                  " 5,000-8,000) | wall-clock training speed under load (it/s) |")
        md.append("|---:|---|---:|---:|---:|---:|")
        for k in ks:
            names = sorted(n for n, r in runs.items() if n.startswith("bandit-k%d-" % k))
            fin = [float(e["score"]) for e in evals if e["run"] in names and e["label"] == "trained"]
            chain = [float(e["score"]) for e in evals if e["run"] in names and e["label"] == "ddpm"]
            md.append("| %d | %s | %s | %s | %s | %s |" % (
                k, ",".join(runs[n]["seed"] for n in names), ms(fin), ms(chain),
                ms([last_evals(n, 4) for n in names]), ms([float(runs[n]["it_per_s"]) for n in names])))
        md.append("")
    # action approximation vs full chain
    pend = sorted(n for n in runs if n.startswith("pend-") and "k5vp" in n)
    if pend:
        md.append("### pendulum: action approximation (EDP-TD3) vs the full chain (Diffusion-QL), K = 5, VP"
                  " schedule\n")
        md.append("| method | seeds | acting as trained, 20 episodes | DDPM chain (5 calls) + EAS softmax N = 10,"
                  " 20 episodes | in-training evaluation at 6,000 (10 episodes) | wall-clock training speed under load (it/s) |"
                  " wall time (s) |")
        md.append("|---|---|---:|---:|---:|---:|---:|")
        for algo, label in (("td3", "EDP-TD3 (action approximation)"), ("dql", "Diffusion-QL (full chain)")):
            names = [n for n in pend if n.startswith("pend-%s-" % algo)]
            if not names:
                continue
            own = [float(e["score"]) for e in evals if e["run"] in names and e["label"] == "trained"]
            ddpm = [float(e["score"]) for e in evals if e["run"] in names and e["label"] == "ddpm-n10-softmax"]
            md.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                label, ",".join(runs[n]["seed"] for n in names), ms(own), ms(ddpm),
                ms([last_evals(n, 1) for n in names]), ms([float(runs[n]["it_per_s"]) for n in names]),
                ms([float(runs[n]["wall_s"]) for n in names], 0)))
        ref = sorted(n for n in runs if n.startswith("pend-td3-k100"))
        if ref:
            md.append("| EDP-TD3, K = 100, linear schedule (the ablated policies above) | %s | | | %s | %s | %s |" % (
                ",".join(runs[n]["seed"] for n in ref), ms([last_evals(n, 1) for n in ref]),
                ms([float(runs[n]["it_per_s"]) for n in ref]), ms([float(runs[n]["wall_s"]) for n in ref], 0)))
        md.append("")
    # training cost per iteration in CPU time (robust to the other jobs on the machine)
    sp = os.path.join(RAW, "speed.csv")
    if os.path.isfile(sp):
        cpu = {(r["config"], int(r["iterations"])): float(r["user_s"]) + float(r["sys_s"]) for r in read(sp)}
        labels = {"td3-k5": "EDP-TD3, K = 5 (VP)", "dql-k5": "Diffusion-QL, K = 5 (VP)",
                  "dql-k20": "Diffusion-QL, K = 20 (VP)", "td3-k100": "EDP-TD3, K = 100 (linear)",
                  "td3-k1000": "EDP-TD3, K = 1000 (linear)"}
        md.append("### training cost per iteration (pendulum-medium, 3 x 64, batch 256, one thread)\n")
        md.append("| configuration | CPU ms per iteration | iterations per CPU-second |")
        md.append("|---|---:|---:|")
        for c, label in labels.items():
            if (c, 1000) in cpu and (c, 20) in cpu:
                per = (cpu[(c, 1000)] - cpu[(c, 20)]) / 980
                md.append("| %s | %.1f | %.1f |" % (label, per * 1000, 1 / per))
        md.append("")
    # DPM-Solver's end time: 1e-3 (the library) against 1/K (the official default for discrete-time models)
    tend = defaultdict(list)
    for f in sorted(glob.glob(os.path.join(RAW, "tend", "*.csv"))):
        name = os.path.basename(f)[:-4]           # bandit-k10-s1-old
        k = int(name.split("-")[1][1:])
        jar = name.rsplit("-", 1)[1]
        for r in read(f):
            if r["sweep"] == "sampler":
                tend[(k, r["grid"], int(r["model_calls"]), jar)].append(float(r["normalized_score"]))
    if tend:
        md.append("### bandit: DPM-Solver-3 ending at t = 1e-3 (the library) or at t = 1/K\n")
        md.append("EAS argmax over N = 50 as trained; 100 episodes per setting; mean ± std over seeds 1-3.\n")
        md.append("| K | grid | " + " | ".join("%d calls, 1e-3 / 1/K" % m for m in CALLS) + " |")
        md.append("|---:|---|" + "---:|" * len(CALLS))
        for k in sorted({x[0] for x in tend}):
            for g, label in GRIDS:
                if not tend.get((k, g, CALLS[0], "old")):
                    continue
                md.append("| %d | %s | %s |" % (k, label, " | ".join(
                    "%s / %s" % (ms(tend.get((k, g, m, "old"), [])), ms(tend.get((k, g, m, "fixed"), [])))
                    for m in CALLS)))
        md.append("")
    tmp = os.path.join(HERE, "tables.md.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(md) + "\n")
    os.replace(tmp, os.path.join(HERE, "tables.md"))
    for task, pts in plots.items():
        p = os.path.join(HERE, "plot-%s.csv" % task)
        with open(p + ".tmp", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["panel", "line", "x", "score"])
            for row in pts:
                w.writerow([row[0], row[1], row[2], "%.3f" % row[3]])
        os.replace(p + ".tmp", p)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Collects the raw results of the ablation runs (see run.sh) into docs/ablations/raw/.

Usage: python3 docs/ablations/collect.py WORK_DIR

WORK_DIR is the directory run.sh wrote to (runs/, ablations/, evals/, latency/, tend/). Copies every ablation.csv
as raw/ablate/NAME.csv, every latency pass as raw/latency/NAME.csv and every end-time comparison as
raw/tend/NAME.csv, and writes raw/runs.csv (one row per
training run: its command's settings, wall time, speed, the in-training evaluations) and raw/evals.csv (one row
per `edp4j evaluate` of a saved policy). Python standard library only.
"""
import csv
import os
import re
import shutil
import sys

def main(work):
    here = os.path.dirname(os.path.abspath(__file__))
    raw = os.path.join(here, "raw")
    for sub, dst in (("ablations", "ablate"), ("latency", "latency"), ("tend", "tend")):
        src = os.path.join(work, sub)
        if not os.path.isdir(src):
            continue
        os.makedirs(os.path.join(raw, dst), exist_ok=True)
        for name in sorted(os.listdir(src)):
            f = os.path.join(src, name, "ablation.csv")
            if os.path.isfile(f):
                shutil.copyfile(f, os.path.join(raw, dst, name + ".csv"))
    rows = []
    runs = os.path.join(work, "runs")
    for name in sorted(os.listdir(runs)):
        d = os.path.join(runs, name)
        log = os.path.join(runs, name + ".log")
        if not os.path.isfile(os.path.join(d, "policy.edp4j")) or not os.path.isfile(log):
            continue
        cmd = open(os.path.join(d, "command.txt")).read().splitlines()[-1].split()
        opt = {cmd[i][2:]: cmd[i + 1] for i in range(len(cmd) - 1) if cmd[i].startswith("--")
               and not cmd[i + 1].startswith("--")}
        text = open(log).read()
        wall = float(re.search(r"^wall time\s+([0-9.]+) s", text, re.M).group(1))
        speed = float(re.search(r"^speed\s+([0-9.]+) it/s", text, re.M).group(1))
        with open(os.path.join(d, "evaluations.csv")) as f:
            evals = [(int(r["iteration"]), float(r["normalized_score"])) for r in csv.DictReader(f)]
        rows.append({"run": name, "task": opt["task"], "algo": opt["algo"], "steps": opt.get("steps", ""),
                     "schedule": opt.get("schedule", "linear"), "seed": opt["seed"],
                     "iterations": opt["iterations"], "wall_s": wall, "it_per_s": speed,
                     "eval_iterations": " ".join(str(i) for i, _ in evals),
                     "eval_scores": " ".join("%.2f" % s for _, s in evals)})
    write(os.path.join(raw, "runs.csv"), rows)
    rows = []
    evals = os.path.join(work, "evals")
    for name in sorted(os.listdir(evals)) if os.path.isdir(evals) else []:
        if not name.endswith(".txt"):
            continue
        run, label = name[:-4].split("--")
        text = open(os.path.join(evals, name)).read()
        fields = {line[:24].strip(): line[25:] for line in text.splitlines() if len(line) > 25}
        rows.append({"run": run, "label": label, "acting": fields.get("acting", "as trained"),
                     "episodes": fields["episodes"].split()[0],
                     "score": float(fields["normalized score"].split()[0]),
                     "mean_return": float(fields["return"].split()[1])})
    write(os.path.join(raw, "evals.csv"), rows)
    rows = []
    speed = os.path.join(work, "speed")
    for name in sorted(os.listdir(speed)) if os.path.isdir(speed) else []:
        if not name.endswith(".time"):
            continue
        config, iterations = name[:-5].rsplit("-", 1)
        user, system, wall = open(os.path.join(speed, name)).read().split()[:3]
        rows.append({"config": config, "iterations": iterations, "user_s": user, "sys_s": system, "wall_s": wall})
    if rows:
        write(os.path.join(raw, "speed.csv"), rows)

def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)

if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env bash
# Reproduces docs/ablations.md: trains the policies, runs `edp4j ablate` and `edp4j evaluate` on them, then
# collect.py and aggregate.py build the tables and PlotAblations.java the PNGs. Run from the repository root after
#   nice -n 10 mvn -B -ntp -q -o -pl edp-examples -am package -DskipTests
# WORK (default /tmp/edp4j-ablations) receives the run directories; at most 2 core-hours on this 2-core machine
# (the MuJoCo part needs libmujoco; skip it with NO_MUJOCO=1). Every run is one thread, nice 10; already finished
# steps are skipped, so the script can be re-run after an interruption.
set -euo pipefail
WORK=${WORK:-/tmp/edp4j-ablations}
JAR=${JAR:-edp-examples/target/edp4j-cli.jar}
mkdir -p "$WORK/runs" "$WORK/ablations" "$WORK/evals"
edp4j() { nice -n 10 java -Dai.djl.offline=true -Xmx1g -jar "$JAR" "$@"; }

train() {  # NAME options...: one training run in WORK/runs/NAME, its output in WORK/runs/NAME.log
  local name=$1; shift
  [[ -f $WORK/runs/$name/policy.edp4j ]] && return 0
  rm -rf "${WORK:?}/runs/$name"
  edp4j train "$@" --threads 1 --out "$WORK/runs/$name" > "$WORK/runs/$name.log" 2>&1
}
ablate() {  # RUN TASK EPISODES NAME options...: edp4j ablate into WORK/ablations/NAME
  local run=$1 task=$2 eps=$3 name=$4; shift 4
  [[ -f $WORK/ablations/$name/ablation.csv ]] && return 0
  edp4j ablate --policy "$WORK/runs/$run/policy.edp4j" --task "$task" --episodes "$eps" --seed 1000 --threads 1 \
      --out "$WORK/ablations/$name" "$@" > "$WORK/ablations/$name.log" 2>&1
}
evaluate() {  # RUN TASK EPISODES LABEL options...: edp4j evaluate into WORK/evals/RUN--LABEL.txt
  local run=$1 task=$2 eps=$3 label=$4; shift 4
  [[ -s $WORK/evals/$run--$label.txt ]] && return 0
  edp4j evaluate --policy "$WORK/runs/$run/policy.edp4j" --task "$task" --episodes "$eps" --seed 1000 --threads 1 \
      "$@" > "$WORK/evals/$run--$label.txt.tmp" 2>&1
  mv "$WORK/evals/$run--$label.txt.tmp" "$WORK/evals/$run--$label.txt"
}

B="--task bandit-mixed --algo iql --hidden 64,64,64 --actor-lr 1e-3 --iterations 8000 --eval-every 1000 --episodes 100
   --eas-candidates 50 --eas-argmax --grid logsnr"
F="--task pointmaze-fork-multimodal --algo iql --schedule vp --steps 100 --hidden 64,64,64 --actor-lr 2e-3
   --iterations 8000 --eval-every 2000 --episodes 20"
P="--task pendulum-medium --hidden 64,64,64 --actor-lr 1e-3 --critic-lr 1e-3 --iterations 6000 --eval-every 2000
   --episodes 10"
for s in 1 2 3; do
  # (a), (b): the policies that are ablated
  train bandit-k100-s$s $B --steps 100 --seed $s
  train fork-s$s $F --seed $s
  train pend-td3-k100-s$s $P --algo td3 --steps 100 --seed $s
  # (c): K = 10 and 1000 with the bandit's settings
  train bandit-k10-s$s $B --steps 10 --seed $s
  train bandit-k1000-s$s $B --steps 1000 --seed $s
  # (d): action approximation (EDP-TD3) against the full chain (Diffusion-QL) at K = 5, VP schedule
  train pend-td3-k5vp-s$s $P --algo td3 --steps 5 --schedule vp --seed $s
  train pend-dql-k5vp-s$s $P --algo dql --steps 5 --schedule vp --seed $s
done
for s in 1 2 3; do
  # (a), (b): every setting with the policy's own selection, then the EAS sweep with the other selection rules
  ablate bandit-k100-s$s bandit 100 bandit-s$s-argmax
  ablate bandit-k100-s$s bandit 100 bandit-s$s-softmax --sweeps eas --no-eas-argmax
  ablate bandit-k100-s$s bandit 100 bandit-s$s-softmax005 --sweeps eas --no-eas-argmax --eas-temperature 0.05
  ablate fork-s$s pointmaze-fork 20 fork-s$s-softmax
  ablate fork-s$s pointmaze-fork 20 fork-s$s-argmax --sweeps eas --eas-argmax
  ablate fork-s$s pointmaze-fork 20 fork-s$s-softmax005 --sweeps eas --no-eas-argmax --eas-temperature 0.05
  ablate pend-td3-k100-s$s pendulum 10 pend-s$s-softmax
  ablate pend-td3-k100-s$s pendulum 10 pend-s$s-argmax --sweeps eas --eas-argmax
  # (c), (d)
  for k in 10 100 1000; do
    evaluate bandit-k$k-s$s bandit 500 trained
    evaluate bandit-k$k-s$s bandit 500 ddpm --sampler ddpm
  done
  # the fork's DDPM gap: deterministic samplers with as many calls as the chain has steps
  evaluate fork-s$s pointmaze-fork 20 ddim100 --solver-order 1 --model-calls 100 --grid time_uniform
  evaluate fork-s$s pointmaze-fork 20 dpm3-100 --solver-order 3 --model-calls 100 --grid time_uniform
  for a in td3 dql; do
    evaluate pend-$a-k5vp-s$s pendulum 20 trained
    evaluate pend-$a-k5vp-s$s pendulum 20 ddpm-n10-softmax --sampler ddpm --eas-candidates 10 --no-eas-argmax
  done
done
if [[ -z ${NO_MUJOCO:-} ]]; then
  # (e): one locomotion policy of the README's LocomotionStudy settings (EDP-TD3, library defaults), ablated over N
  train hopper-me-td3-s1 --task hopper-medium-expert --algo td3 --iterations 8000 --eval-every 2000 --episodes 3 --seed 1
  ablate hopper-me-td3-s1 hopper-medium-expert-v2 5 hopper-s1-softmax --sweeps eas
  ablate hopper-me-td3-s1 hopper-medium-expert-v2 5 hopper-s1-argmax --sweeps eas --eas-argmax
fi
# latency pass: every setting again on one episode, 200 timed single-state actions each, one process at a time
mkdir -p "$WORK/latency"
for s in 1 2 3; do
  for t in bandit:bandit-k100:bandit fork:fork:pointmaze-fork pend:pend-td3-k100:pendulum; do
    IFS=: read -r short run task <<< "$t"
    [[ -f $WORK/latency/$short-s$s/ablation.csv ]] && continue
    edp4j ablate --policy "$WORK/runs/$run-s$s/policy.edp4j" --task "$task" --episodes 1 --seed 1000 --threads 1 \
        --latency-calls 200 --out "$WORK/latency/$short-s$s" > "$WORK/latency/$short-s$s.log" 2>&1
  done
done
# training cost in CPU time: a 1,000-iteration run minus a 20-iteration run, one at a time
mkdir -p "$WORK/speed"
S="--task pendulum-medium --hidden 64,64,64 --actor-lr 1e-3 --critic-lr 1e-3 --episodes 1 --checkpoint-every 0 --seed 1
   --threads 1"
for cfg in "td3-k5:--algo td3 --steps 5 --schedule vp" "dql-k5:--algo dql --steps 5 --schedule vp" \
    "td3-k100:--algo td3 --steps 100" "dql-k20:--algo dql --steps 20 --schedule vp" "td3-k1000:--algo td3 --steps 1000"; do
  name=${cfg%%:*}; opts=${cfg#*:}
  for it in 20 1000; do
    out=$WORK/speed/$name-$it
    [[ -f $out.time ]] && continue
    rm -rf "$out"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S %e" -o "$out.time.tmp" nice -n 10 java -Dai.djl.offline=true -Xmx1g -jar "$JAR" train $S \
        $opts --iterations $it --eval-every $it --out "$out" > "$out.log" 2>&1
    mv "$out.time.tmp" "$out.time"
  done
done
# DPM-Solver's end time: PATCHED_JAR is a CLI jar built with docs/ablations/dpm-solver-end-time.patch applied
# (git apply, package, copy the jar elsewhere, git checkout the two files); without it this part is skipped
if [[ -n ${PATCHED_JAR:-} ]]; then
  mkdir -p "$WORK/tend"
  for run in bandit-k100-s1 bandit-k100-s2 bandit-k100-s3 bandit-k10-s1 bandit-k10-s2 bandit-k10-s3; do
    for v in old:$JAR fixed:$PATCHED_JAR; do
      out=$WORK/tend/$run-${v%%:*}
      [[ -f $out/ablation.csv ]] && continue
      nice -n 10 java -Dai.djl.offline=true -Xmx1g -jar "${v#*:}" ablate --policy "$WORK/runs/$run/policy.edp4j" \
          --task bandit --episodes 100 --seed 1000 --threads 1 --sweeps sampler --no-ddpm --latency-calls 1 \
          --out "$out" > "$out.log" 2>&1
    done
  done
fi
python3 docs/ablations/collect.py "$WORK"
python3 docs/ablations/aggregate.py
java -cp "$JAR" docs/ablations/PlotAblations.java

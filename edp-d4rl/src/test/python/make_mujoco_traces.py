#!/usr/bin/env python3
"""Golden traces and random-policy returns of D4RL's locomotion tasks, from the reference implementation.

Reference: Gymnasium 1.3's Hopper-v4, Walker2d-v4 and HalfCheetah-v4 (the logic of gym's v3 classes that D4RL's
v2 datasets were collected with) on the `mujoco` wheel 3.14 from the local mirror:

    python3 -m venv /work/venv-mujoco
    /work/venv-mujoco/bin/pip install mujoco gymnasium numpy imageio packaging
    /work/venv-mujoco/bin/python edp-d4rl/src/test/python/make_mujoco_traces.py [output-dir]

What it does, and what the Java tests (io.github.edp4j.d4rl.mujoco.*) compare against:
1. Checks that EDP4J's own MJCF models (src/main/resources/.../mujoco/*.xml) compile to the same physics as
   Gymnasium's assets: every numeric mjModel array equal, except rendering/naming arrays.
2. The margin rule: from MuJoCo 3.5 on a contact's margin is the sum of its geoms' margins (before: the larger).
   To reproduce gym v3's physics (mujoco-py 2.x; Debian's 2.2.2), Hopper's geom margins (0.001 each) are halved in
   the reference here, as EDP4J does on MuJoCo >= 3.5.
3. Traces (<task>-traces.csv): fixed initial qpos/qvel (the task's reset distribution, drawn here and written
   out) and fixed action sequences (float32 values, uniform in [-1, 1] or scaled down); each row is one step:
   trace, step, action, reward, terminated, qpos, qvel (row 0 of a trace is the initial state); gzip-compressed.
   A trace ends when the episode terminates or after its length. Observations are not stored: the script asserts
   that Gymnasium's equal qpos[1:] followed by qvel (clipped to [-10, 10] for Hopper and Walker2d), which the Java
   test then applies to the stored state.
4. Uniform-random-policy returns (random-returns.csv): n = 1,000 episodes with Gymnasium's seeded resets and uniform
   actions, mean and sample standard deviation of the undiscounted return (1,000-step limit).
"""
import csv
import gzip
import io
import os
import sys

import gymnasium
import mujoco
import numpy as np
from packaging.version import Version

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(HERE))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(MODULE, "test", "resources", "io", "github", "edp4j",
                                                          "d4rl", "mujoco")
MODELS = os.path.join(MODULE, "main", "resources", "io", "github", "edp4j", "d4rl", "mujoco")
GYM_ASSETS = os.path.join(os.path.dirname(gymnasium.__file__), "envs", "mujoco", "assets")

TASKS = [  # (EDP4J name, Gymnasium id, Gymnasium asset, traces: list of (length, action scale))
    ("hopper", "Hopper-v4", "hopper.xml", [(300, 1.0), (300, 1.0), (300, 1.0), (300, 0.3), (300, 0.1)]),
    ("walker2d", "Walker2d-v4", "walker2d.xml", [(300, 1.0), (300, 1.0), (300, 1.0), (300, 0.3), (300, 0.1)]),
    ("halfcheetah", "HalfCheetah-v4", "half_cheetah.xml", [(300, 1.0), (100, 1.0), (100, 0.3)]),
]
RENDERING = ("cam_", "light_", "mat_", "tex_", "name_", "names_", "geom_rgba", "geom_matid", "geom_user")
RANDOM_EPISODES = 1000
SUMS_MARGINS = Version(mujoco.__version__) >= Version("3.5")


def check_models():
    for name, _, asset, _ in TASKS:
        ref = mujoco.MjModel.from_xml_path(os.path.join(GYM_ASSETS, asset))
        own = mujoco.MjModel.from_xml_path(os.path.join(MODELS, name + ".xml"))
        differ = []
        for field in dir(ref):
            if field.startswith("_") or field.startswith(RENDERING):
                continue
            a = getattr(ref, field)
            if isinstance(a, np.ndarray) and a.dtype.kind in "fiu":
                b = getattr(own, field)
                if a.shape != b.shape or not np.array_equal(a, b):
                    differ.append(field)
        for field in ("timestep", "gravity", "integrator", "impratio", "tolerance", "iterations", "cone"):
            if not np.array_equal(getattr(ref.opt, field), getattr(own.opt, field)):
                differ.append("opt." + field)
        if differ:
            raise SystemExit(f"{name}: EDP4J's model differs from Gymnasium's in {differ}")
        print(f"{name}: model equals Gymnasium's {asset} (nq={own.nq}, nv={own.nv}, nu={own.nu}, "
              f"timestep={own.opt.timestep})")


def make_env(gym_id, with_time_limit):
    env = gymnasium.make(gym_id) if with_time_limit else gymnasium.make(gym_id).unwrapped
    raw = env.unwrapped
    if gym_id.startswith("Hopper") and SUMS_MARGINS:
        raw.model.geom_margin[:] = raw.model.geom_margin * 0.5
    return env


def check_observation(name, env, obs):
    vel = env.data.qvel if name == "halfcheetah" else np.clip(env.data.qvel, -10, 10)
    expected = np.concatenate((env.data.qpos[1:], vel))
    if not np.array_equal(obs, expected):
        raise SystemExit(f"{name}: Gymnasium's observation is not qpos[1:] + qvel as documented")


def fmt(x):
    return repr(float(x))


def traces(name, gym_id, specs, seed):
    env = make_env(gym_id, False)
    rng = np.random.default_rng(seed)
    nq, nv, nu = env.model.nq, env.model.nv, env.model.nu
    header = (["trace", "step"] + [f"a{i}" for i in range(nu)] + ["reward", "terminated"]
              + [f"qpos{i}" for i in range(nq)] + [f"qvel{i}" for i in range(nv)])
    rows = []
    for t, (length, scale) in enumerate(specs):
        env.reset(seed=seed + t)
        s = env._reset_noise_scale
        qpos = env.init_qpos + rng.uniform(-s, s, nq)
        if name == "halfcheetah":
            qvel = env.init_qvel + s * rng.standard_normal(nv)
        else:
            qvel = env.init_qvel + rng.uniform(-s, s, nv)
        mujoco.mj_resetData(env.model, env.data)
        env.set_state(qpos, qvel)
        check_observation(name, env, env._get_obs())
        rows.append([t, 0] + [0.0] * nu + [0.0, 0] + list(env.data.qpos) + list(env.data.qvel))
        for k in range(1, length + 1):
            action = (scale * rng.uniform(-1, 1, nu)).astype(np.float32).astype(np.float64)
            obs, reward, terminated, _, _ = env.step(action)
            check_observation(name, env, obs)
            rows.append([t, k] + list(action) + [reward, int(terminated)] + list(env.data.qpos)
                        + list(env.data.qvel))
            if terminated:
                break
        print(f"{name}: trace {t} has {k} steps (action scale {scale}, terminated={bool(terminated)})")
    with open(os.path.join(OUT, f"{name}-traces.csv.gz"), "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed, \
            io.TextIOWrapper(packed, encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([int(c) if i < 2 or i == 3 + nu else fmt(c) for i, c in enumerate(r)])


def random_returns(name, gym_id, seed):
    env = make_env(gym_id, True)
    env.action_space.seed(seed)
    returns = []
    for e in range(RANDOM_EPISODES):
        env.reset(seed=seed + e)
        total, done = 0.0, False
        while not done:
            _, r, terminated, truncated, _ = env.step(env.action_space.sample())
            total += r
            done = terminated or truncated
        returns.append(total)
    returns = np.array(returns)
    print(f"{name}: uniform random return {returns.mean():.3f} (std {returns.std(ddof=1):.3f}, n={len(returns)})")
    return [name, len(returns), fmt(returns.mean()), fmt(returns.std(ddof=1))]


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"mujoco {mujoco.__version__}, gymnasium {gymnasium.__version__}, numpy {np.__version__}; "
          f"Hopper margins halved: {SUMS_MARGINS}")
    check_models()
    stats = []
    for i, (name, gym_id, _, specs) in enumerate(TASKS):
        traces(name, gym_id, specs, 1000 * (i + 1))
        stats.append(random_returns(name, gym_id, 7000 + 1000 * i))
    with open(os.path.join(OUT, "random-returns.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["# uniform random policy in Gymnasium " + gymnasium.__version__ + " on mujoco "
                    + mujoco.__version__ + " (Hopper margins halved: " + str(SUMS_MARGINS)
                    + "), made by src/test/python/make_mujoco_traces.py"])
        w.writerow(["task", "n", "mean", "std"])
        w.writerows(stats)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference slope ratios of the official DPM-Solver for DpmSolverExactTest (all orders on all three grids).

For Gaussian data a_0 ~ N(MU, S^2) the ideal noise predictor is eps*(x, t) = sigma_t (x - alpha_t MU) /
(alpha_t^2 S^2 + sigma_t^2), every solver step is affine in x, and the solver's slope c = d output / d x_T divided by
the probability-flow ODE's exact slope sqrt(alpha_0^2 S^2 + sigma_0^2) / sqrt(alpha_T^2 S^2 + sigma_T^2)
characterises an implementation. This script runs the official implementation (dpm_solver_pytorch.py of
github.com/LuChengTHU/dpm-solver, not part of this repository) in float64 with EDP's settings: the linear schedule
with K = 1000 as a discrete-time noise schedule, noise prediction ("dpmsolver"), singlestep with lower-order final
steps, t from 1 to 1e-3.

Run: python3 docs/dpm_solver_reference.py DIR_WITH_dpm_solver_pytorch.py   (needs torch)
"""
import math
import sys

import torch

sys.path.insert(0, sys.argv[1])
from dpm_solver_pytorch import DPM_Solver, NoiseScheduleVP  # noqa: E402

torch.set_default_dtype(torch.float64)
K = 1000
MU, S = 0.3, 0.5
T_START, T_END = 1.0, 1e-3

schedule = NoiseScheduleVP("discrete", betas=torch.linspace(1e-4, 0.02, K, dtype=torch.float64),
                           dtype=torch.float64)


def ideal_noise(x, t):
    alpha = schedule.marginal_alpha(t).reshape(-1, 1)
    sigma = schedule.marginal_std(t).reshape(-1, 1)
    return sigma * (x - alpha * MU) / (alpha * alpha * S * S + sigma * sigma)


def spread(t):
    tt = torch.tensor([t])
    a = schedule.marginal_alpha(tt).item()
    s = schedule.marginal_std(tt).item()
    return math.sqrt(a * a * S * S + s * s)


c_exact = spread(T_END) / spread(T_START)
solver = DPM_Solver(ideal_noise, schedule, algorithm_type="dpmsolver")
for grid in ("time_uniform", "logSNR", "time_quadratic"):
    for order in (1, 2, 3):
        ratios = []
        for steps in (15, 30, 60):
            x = torch.tensor([[-1.0], [1.0]])
            out = solver.sample(x, steps=steps, t_start=T_START, t_end=T_END, order=order, skip_type=grid,
                                method="singlestep", lower_order_final=True)
            c = (out[1, 0] - out[0, 0]).item() / 2.0
            ratios.append(c / c_exact)
        print(f"{grid} order {order}: " + " ".join(f"{r:.6f}" for r in ratios))

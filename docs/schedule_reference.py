#!/usr/bin/env python3
"""Reference values of the three noise schedules at K = 1000, for ScheduleValuesTest.

Written from the published formulas, vectorised the way the official code writes them (numpy, float64):
- linear: EDP's default (arXiv 2305.20081; github.com/sail-sg/edp): betas = linspace(1e-4 * 1000/K, 0.02 * 1000/K, K)
- cosine: improved DDPM (Nichol & Dhariwal 2021, arXiv 2102.09672, Eq. 17): abar(t) = f(t)/f(0),
  f(t) = cos(((t + s)/(1 + s)) * pi/2)^2, s = 0.008, beta_k = min(1 - abar(k/K)/abar((k-1)/K), 0.999)
- vp: Diffusion-QL (arXiv 2208.06193; its vp_beta_schedule): t = 1..K,
  beta_t = 1 - exp(-b_min/K - 0.5 (b_max - b_min)(2t - 1)/K^2), b_min = 0.1, b_max = 10

Run: python3 docs/schedule_reference.py   (needs numpy)
"""
import numpy as np

K = 1000


def linear(k):
    scale = 1000.0 / k
    return np.linspace(scale * 1e-4, scale * 0.02, k, dtype=np.float64)


def cosine(k, s=0.008, max_beta=0.999):
    t = np.arange(k + 1, dtype=np.float64) / k
    f = np.cos((t + s) / (1 + s) * np.pi / 2) ** 2
    abar = f / f[0]
    return np.minimum(1 - abar[1:] / abar[:-1], max_beta)


def vp(k, b_min=0.1, b_max=10.0):
    t = np.arange(1, k + 1, dtype=np.float64)
    alpha = np.exp(-b_min / k - 0.5 * (b_max - b_min) * (2 * t - 1) / k ** 2)
    return 1 - alpha


for name, betas in (("linear", linear(K)), ("cosine", cosine(K)), ("vp", vp(K))):
    abar = np.cumprod(1 - betas)
    print(f"{name} K={K} beta_1={float(betas[0])!r} beta_K={float(betas[-1])!r} abar_K={float(abar[-1])!r} "
          f"abar_500={float(abar[K // 2 - 1])!r}")

#!/usr/bin/env python3
"""Reference: diffusion behaviour cloning in plain PyTorch with EDP's settings (linear schedule K=1000, eps-prediction,
3x256 Mish, time embedding 16->32->16, Adam 3e-4, batch 256, grad clip 5, EMA 0.005), trained on an HDF5 file written
by `edp4j export`, then the same diagnostics as io.github.edp4j.examples.PolicyDiagnosis: diffusion loss, squared error to the
dataset action, spread of two samples at the same state (DDPM, 1000 steps, x0 clipped), and episodes on Gymnasium's
Hopper-v4 (MuJoCo 3.x from the wheel; EDP4J's runs use Debian's 2.2.2, see the README on the margin rule).

Run: ./edp4j export --task hopper-medium-expert --out hme.hdf5
     python3 docs/diffusion_bc_reference.py hme.hdf5 ITERATIONS SEED [EPISODES]   (needs torch, h5py, gymnasium, mujoco)
"""
import math, sys, time, copy
import h5py, numpy as np, torch, torch.nn as nn

path, iters, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
episodes = int(sys.argv[4]) if len(sys.argv) > 4 else 3
torch.manual_seed(seed); np.random.seed(seed); torch.set_num_threads(1)
with h5py.File(path) as f:
    obs = f['observations'][:].astype(np.float32); act = f['actions'][:].astype(np.float32)
mean, std = obs.mean(0), obs.std(0)
nobs = (obs - mean) / (std + 1e-3)
O, A, K = obs.shape[1], act.shape[1], 1000
betas = torch.linspace(1e-4, 0.02, K, dtype=torch.float64)
alphas = 1 - betas; abar = torch.cumprod(alphas, 0)
abar_prev = torch.cat([torch.ones(1, dtype=torch.float64), abar[:-1]])
sa, s1a = abar.sqrt().float(), (1 - abar).sqrt().float()

class Eps(nn.Module):
    def __init__(s):
        super().__init__()
        half = 8; s.register_buffer('freq', torch.exp(-math.log(10000) * torch.arange(half) / (half - 1)))
        s.time = nn.Sequential(nn.Linear(16, 32), nn.Mish(), nn.Linear(32, 16))
        s.body = nn.Sequential(nn.Linear(A + 16 + O, 256), nn.Mish(), nn.Linear(256, 256), nn.Mish(),
                               nn.Linear(256, 256), nn.Mish(), nn.Linear(256, A))
    def forward(s, x, k, st):
        arg = k.float().unsqueeze(1) * s.freq.unsqueeze(0)
        e = s.time(torch.cat([arg.sin(), arg.cos()], 1))
        return s.body(torch.cat([x, e, st], 1))

net = Eps(); ema = copy.deepcopy(net).requires_grad_(False)
opt = torch.optim.Adam(net.parameters(), lr=3e-4)
O_t, A_t = torch.from_numpy(nobs), torch.from_numpy(act)
t0 = time.time(); window = []
for it in range(1, iters + 1):
    idx = torch.randint(0, len(O_t), (256,))
    s, a = O_t[idx], A_t[idx]
    k = torch.randint(0, K, (256,)); eps = torch.randn_like(a)
    x = sa[k].unsqueeze(1) * a + s1a[k].unsqueeze(1) * eps
    loss = ((net(x, k, s) - eps) ** 2).mean()
    opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(net.parameters(), 5.0); opt.step()
    with torch.no_grad():
        for p, q in zip(ema.parameters(), net.parameters()): p.mul_(0.995).add_(q, alpha=0.005)
    window.append(loss.item())
    if it % 1000 == 0:
        print(f"iteration {it}: diffusion loss {np.mean(window):.4f} ({time.time() - t0:.0f} s)", flush=True); window = []

c0 = (abar_prev.sqrt() * betas / (1 - abar)).float(); c1 = (alphas.sqrt() * (1 - abar_prev) / (1 - abar)).float()
var = (betas * (1 - abar_prev) / (1 - abar)).float()
@torch.no_grad()
def sample(st):
    x = torch.randn(st.shape[0], A)
    for k in reversed(range(K)):
        kk = torch.full((st.shape[0],), k)
        x0 = ((x - s1a[k] * ema(x, kk, st)) / sa[k]).clamp(-1, 1)
        x = c0[k] * x0 + c1[k] * x
        if k > 0: x = x + var[k].sqrt() * torch.randn_like(x)
    return x.clamp(-1, 1)

rows = np.random.default_rng(7).integers(0, len(O_t), 500)
pa, pb = sample(O_t[rows]), sample(O_t[rows])
err = ((pa - A_t[rows]) ** 2).sum(1).mean().item(); spread = ((pa - pb) ** 2).sum(1).mean().item()
print(f"DDPM: actionSqErr {err:.4f} sampleSpread {spread:.4f}", flush=True)
import gymnasium as gym
env = gym.make('Hopper-v4'); scores = []
for e in range(episodes):
    ob, _ = env.reset(seed=100 + e); ret = 0.0
    for t in range(1000):
        st = torch.from_numpy(((ob - mean) / (std + 1e-3)).astype(np.float32)).unsqueeze(0)
        ob, r, term, trunc, _ = env.step(sample(st)[0].numpy()); ret += r
        if term or trunc: break
    scores.append(100 * (ret - (-20.272305)) / (3234.3 - (-20.272305)))
    print(f"episode {e}: return {ret:.1f} normalized {scores[-1]:.1f}", flush=True)
print(f"mean normalized {np.mean(scores):.1f}")

#!/usr/bin/env python3
"""Plain-PyTorch twin of an EDP4J policy, loaded from the safetensors file of
`./edp4j export-policy --format safetensors` (io.github.edp4j.algos.PolicyExport).

It rebuilds every network as torch.nn modules from the tensors (linear weights are stored in nn.Linear's
(out, in) layout) and acts with the same mathematics as the Java library: observation normalisation
(s - mean) / (std + eps); for a diffusion policy (EDP, arXiv 2305.20081) the noise network
eps(x, t, s) = MLP(concat(x, time_mlp(sinusoid(t)), s)) sampled by the exported DPM-Solver plan (per step: model
times, sigma, alpha, combination coefficients; the model output is clipped so that the implied clean action lies
in the bounds); energy-based action selection over N candidates with min(Q1, Q2) and the Gumbel-max draw
argmax(Q / T - log(-log u)) (or argmax Q); the Gaussian and deterministic actors centre + halfWidth * tanh(MLP(s));
DTQL's one-step policy (arXiv 2405.19690) tanh(mu + exp(clamp(log_sd, -5, 2)) eps). Randomness is given as in the
ONNX graph: noise (B, N, actDim) and uniform (B, N).

Commands:
  verify POLICY.safetensors
      acts on the reference batch stored in the file (observations, noise and uniform draw given, actions computed
      by the Java library with libtorch), prints the largest difference and exits 1 if it exceeds 1e-4.
  check POLICY.safetensors POLICY.onnx [--batch B] [--seed S]
      acts on random observations with the same noise through this module and through onnxruntime, prints the
      largest difference and exits 1 if it exceeds 1e-4.
  bench POLICY.safetensors [--rounds R] [--batch B] [--batch-rounds R] [--threads T]
      the PyTorch peer of the benchmark suite (edp4j bench): the time of every call (ms) acting in one state and
      in a batch, without (N = 1) and with the policy's energy-based selection; prints one JSON object.
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from safetensors import safe_open
from safetensors.torch import load_file


def _linear(tensors, name):
    w = tensors[name + ".weight"]
    lin = torch.nn.Linear(w.shape[1], w.shape[0])
    with torch.no_grad():
        lin.weight.copy_(w)
        lin.bias.copy_(tensors[name + ".bias"])
    return lin


def _layers(tensors, prefix):
    out = []
    while f"{prefix}.{len(out)}.weight" in tensors:
        out.append(_linear(tensors, f"{prefix}.{len(out)}"))
    return torch.nn.ModuleList(out)


_ACTIVATIONS = {"MISH": F.mish, "MISH_REFERENCE": F.mish, "RELU": F.relu, "TANH": torch.tanh, "SILU": F.silu}


class Mlp(torch.nn.Module):
    """Linear layers with an activation between them (and, for DTQL's critics, a LayerNorm before it)."""

    def __init__(self, tensors, prefix, activation, layer_norm=False):
        super().__init__()
        self.layers = _layers(tensors, prefix)
        self.activation = activation
        self.norms = []
        if layer_norm:
            for i in range(len(self.layers) - 1):
                self.norms.append((tensors[f"{prefix}.norm{i}.gain"], tensors[f"{prefix}.norm{i}.bias"]))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                if self.norms:
                    g, b = self.norms[i]
                    x = F.layer_norm(x, (x.shape[-1],), g, b, 1e-5)
                x = self.activation(x)
        return x


class Edp4jPolicy(torch.nn.Module):
    """An EDP4J policy rebuilt from its safetensors export."""

    def __init__(self, path):
        super().__init__()
        t = load_file(path)
        with safe_open(path, "pt") as f:
            meta = f.metadata()
        self.meta = meta
        self.kind = meta["edp4j.actor_kind"]
        self.activation = _ACTIVATIONS[meta["edp4j.activation"]]
        self.mean = t["normalizer.mean"]
        self.scale = (t["normalizer.std"].double() + float(meta["edp4j.observation_epsilon"])).float()
        self.low = t["bounds.low"].unsqueeze(0)
        self.high = t["bounds.high"].unsqueeze(0)
        self.centre = (self.low + self.high) / 2
        self.half = (self.high - self.low) / 2
        self.candidates = int(meta["edp4j.eas_candidates"])
        self.temperature = float(meta["edp4j.eas_temperature"])
        self.argmax = meta["edp4j.eas_argmax"] == "true"
        self.q1 = Mlp(t, "critic.q1", self.activation, meta["edp4j.critic_layer_norm"] == "true")
        self.q2 = Mlp(t, "critic.q2", self.activation, meta["edp4j.critic_layer_norm"] == "true")
        if self.kind == "DIFFUSION":
            self.time = Mlp(t, "actor.time", F.mish)
            self.body = Mlp(t, "actor.eps", self.activation)
            self.time_dim = t["actor.time.0.weight"].shape[1]
            self.plan = json.loads(meta["edp4j.solver_plan"]) if "edp4j.solver_plan" in meta else None
            self.ddpm = json.loads(meta["edp4j.ddpm_coefficients"]) if "edp4j.ddpm_coefficients" in meta else None
            half = self.time_dim // 2
            scale = math.log(10000) / (half - 1)
            self.freqs = torch.tensor([math.exp(-scale * i) for i in range(half)], dtype=torch.float32)
        elif self.kind == "GAUSSIAN":
            self.net = Mlp(t, "actor.mean", self.activation)
        elif self.kind == "DETERMINISTIC":
            self.net = Mlp(t, "actor.pi", self.activation)
        elif self.kind == "ONE_STEP":
            self.net = Mlp(t, "actor.policy", F.relu)
        else:
            raise ValueError(f"{path}: unknown actor kind {self.kind}")
        self.stochastic = self.kind in ("DIFFUSION", "ONE_STEP")

    def eps(self, x, t, s):
        arg = torch.tensor(t, dtype=torch.float64) * self.freqs.double()
        emb = torch.cat([torch.sin(arg), torch.cos(arg)]).float().unsqueeze(0)
        temb = self.time(emb).expand(x.shape[0], -1)
        return self.body(torch.cat([x, temb, s], dim=1))

    def solve(self, s, x):
        """The exported DPM-Solver plan, with the noise clipping of the Java sampler."""
        lo, hi = self.low, self.high
        for st in self.plan:
            c, sg, al, tm = st["combination"], st["sigmas"], st["alphas"], st["model_times"]

            def e(u, j):
                z = torch.minimum(torch.maximum(u - self.eps(u, tm[j], s) * sg[j], al[j] * lo), al[j] * hi)
                return (u - z) * (1 / sg[j])

            e0 = e(x, 0)
            if st["order"] == 1:
                x = x * c[0] + e0 * c[1]
            elif st["order"] == 2:
                e1 = e(x * c[0] + e0 * c[1], 1)
                x = x * c[2] + e0 * c[3] + e1 * c[4]
            else:
                e1 = e(x * c[0] + e0 * c[1], 1)
                e2 = e(x * c[2] + e0 * c[3] + e1 * c[4], 2)
                x = x * c[5] + e0 * c[6] + e2 * c[7]
        return torch.minimum(torch.maximum(x, lo), hi)

    def chain(self, s, x, steps):
        """The DDPM chain: for k = K..1, a0 = clip(c0 x - c1 eps), x <- c2 a0 + c3 x (+ c4 z)."""
        big_k = len(self.ddpm)
        for i, c in enumerate(self.ddpm):
            k = big_k - i
            a0 = torch.minimum(torch.maximum(x * c[0] - self.eps(x, k - 1, s) * c[1], self.low), self.high)
            x = a0 * c[2] + x * c[3]
            if k > 1:
                x = x + steps[i] * c[4]
        return x

    def forward(self, obs, noise=None, uniform=None, candidates=None):
        """obs (B, obsDim) raw; noise (B, N, actDim), or (K, B, N, actDim) for the DDPM chain (the starting noise,
        then the noise of steps K..2); uniform (B, N). Returns (B, actDim)."""
        steps = None
        if noise is not None and noise.dim() == 4:
            steps = noise[1:].reshape(noise.shape[0] - 1, -1, noise.shape[3])
            noise = noise[0]
        s = (obs - self.mean) / self.scale
        if not self.stochastic:
            a = self.centre + self.half * torch.tanh(self.net(s))
            return torch.minimum(torch.maximum(a, self.low), self.high)
        b, n, d = noise.shape
        rep = s.repeat_interleave(n, dim=0)
        x = noise.reshape(b * n, d)
        if self.kind == "DIFFUSION" and self.ddpm is not None:
            a = self.chain(rep, x, steps)
        elif self.kind == "DIFFUSION":
            a = self.solve(rep, x)
        else:
            mu, log_sd = self.net(rep).split(d, dim=1)
            a = torch.tanh(mu + torch.exp(torch.clamp(log_sd, -5, 2)) * x)
            a = self.centre + self.half * a
        if n > 1:
            sa = torch.cat([rep, a], dim=1)
            q = torch.minimum(self.q1(sa), self.q2(sa)).reshape(b, n)
            if not self.argmax:
                q = q / self.temperature - torch.log(-torch.log(uniform))
            pick = q.argmax(dim=1)
            a = a.reshape(b, n, d)[torch.arange(b), pick]
        return torch.minimum(torch.maximum(a, self.low), self.high)


def _inputs(policy, b, n, seed):
    g = np.random.default_rng(seed)
    obs = (g.standard_normal((b, policy.mean.shape[0])) * 2).astype(np.float32)
    noise = g.standard_normal((b, n, policy.low.shape[1])).astype(np.float32)
    uniform = (1 - g.random((b, n))).astype(np.float32)
    return obs, noise, uniform


def verify(args):
    policy = Edp4jPolicy(args.policy)
    t = load_file(args.policy)
    if "reference.action" not in t:
        print(f"{args.policy}: no reference batch (a DDPM-sampled policy)", file=sys.stderr)
        return 1
    obs = t["reference.observation"]
    b = obs.shape[0]
    noise = t.get("reference.noise")
    uniform = t.get("reference.uniform")
    if uniform is None and noise is not None:
        uniform = torch.ones(b, noise.shape[1])
    with torch.inference_mode():
        actions = policy(obs, noise, uniform)
    diff = float((actions - t["reference.action"]).abs().max())
    print(json.dumps({"policy": args.policy, "kind": policy.kind, "rows": b, "max_abs_diff": diff,
                      "torch": torch.__version__}))
    return 0 if diff <= 1e-4 else 1


def check(args):
    import onnxruntime as ort
    policy = Edp4jPolicy(args.policy)
    session = ort.InferenceSession(args.onnx, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    n = policy.candidates if policy.stochastic else 1
    obs, noise, uniform = _inputs(policy, args.batch, n, args.seed)
    feed = {"observation": obs}
    if "step_noise" in names:
        k = 1 + [i for i in session.get_inputs() if i.name == "step_noise"][0].shape[0]
        noise = np.random.default_rng(args.seed + 1).standard_normal((k,) + noise.shape).astype(np.float32)
        feed["noise"] = noise[0]
        feed["step_noise"] = noise[1:]
    elif "noise" in names:
        feed["noise"] = noise
    if "uniform" in names:
        feed["uniform"] = uniform
    ort_actions = session.run(["action"], feed)[0]
    with torch.inference_mode():
        torch_actions = policy(torch.from_numpy(obs), torch.from_numpy(noise), torch.from_numpy(uniform)).numpy()
    diff = float(np.max(np.abs(ort_actions - torch_actions)))
    interior = int(np.sum((torch_actions > policy.low.numpy()) & (torch_actions < policy.high.numpy())))
    print(json.dumps({"policy": args.policy, "onnx": args.onnx, "kind": policy.kind, "batch": args.batch,
                      "candidates": n, "max_abs_diff": diff, "interior_values": interior,
                      "onnxruntime": ort.__version__, "torch": torch.__version__}))
    return 0 if diff <= 1e-4 else 1


def _times_ms(fn, warmup, rounds):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return ts


def bench(args):
    torch.set_num_threads(args.threads)
    policy = Edp4jPolicy(args.policy).eval()
    out = {"torch": torch.__version__, "threads": args.threads, "kind": policy.kind, "figures": {}}
    for n in sorted({1, policy.candidates}):
        for b, rounds in ((1, args.rounds), (args.batch, args.batch_rounds)):
            obs, noise, uniform = (torch.from_numpy(v) for v in _inputs(policy, b, n, 0))
            with torch.inference_mode():
                ms = _times_ms(lambda: policy(obs, noise, uniform), 10 if b == 1 else 1, rounds)
            out["figures"][f"n{n}_batch{b}_ms"] = ms
    print(json.dumps(out))
    return 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify")
    v.add_argument("policy")
    c = sub.add_parser("check")
    c.add_argument("policy")
    c.add_argument("onnx")
    c.add_argument("--batch", type=int, default=8)
    c.add_argument("--seed", type=int, default=0)
    b = sub.add_parser("bench")
    b.add_argument("policy")
    b.add_argument("--rounds", type=int, default=200)
    b.add_argument("--batch", type=int, default=256)
    b.add_argument("--batch-rounds", type=int, default=20)
    b.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    return {"verify": verify, "check": check, "bench": bench}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

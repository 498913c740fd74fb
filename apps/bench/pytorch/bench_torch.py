#!/usr/bin/python3
"""T1 (LSTM BPTT step) and T2 (matmul 256^3) in PyTorch, for reference beside `pnpm bench`.

Optional, not part of CI. Run with Debian's torch (python3-torch, 1.13) and OpenBLAS:

    /usr/bin/python3 apps/bench/pytorch/bench_torch.py            # one thread, like the JS engines
    /usr/bin/python3 apps/bench/pytorch/bench_torch.py --threads 2

The weights and inputs come from the same seeded generator as apps/bench/src/workloads/random.ts
(mulberry32, same seeds), so the losses printed here must equal the ones the JS engines check
against. Timing: one warm-up step, then the median (and min) of --runs steps.
"""
import argparse
import json
import math
import platform
import statistics
import time

import torch

B, I, H, T = 32, 32, 128, 64
N = 256


def seeded_uniform(seed):
    """mulberry32, bit for bit the generator of random.ts."""
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def draw(low, high):
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        u = ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
        return low + (high - low) * u

    return draw


def uniform(n, low, high, seed):
    draw = seeded_uniform(seed)
    return [draw(low, high) for _ in range(n)]


def lstm_data(dtype):
    k = 1 / math.sqrt(H)
    wx = torch.tensor(uniform(I * 4 * H, -k, k, 1), dtype=dtype).reshape(I, 4 * H)
    wh = torch.tensor(uniform(H * 4 * H, -k, k, 2), dtype=dtype).reshape(H, 4 * H)
    b = torch.tensor(uniform(4 * H, -k, k, 3), dtype=dtype)
    xs = [torch.tensor(uniform(B * I, -1, 1, 1000 + t), dtype=dtype).reshape(B, I) for t in range(T)]
    return wx, wh, b, xs


def t1_step(wx, wh, b, xs):
    """Forward over T steps (gates i, f, g, o in that column order), loss mean(h_T^2), backward."""
    for p in (wx, wh, b):
        p.grad = None
    h = torch.zeros(B, H, dtype=wx.dtype)
    c = torch.zeros(B, H, dtype=wx.dtype)
    for x in xs:
        z = x @ wx + h @ wh + b
        zi, zf, zg, zo = z.split(H, dim=1)
        c = torch.sigmoid(zf) * c + torch.sigmoid(zi) * torch.tanh(zg)
        h = torch.sigmoid(zo) * torch.tanh(c)
    loss = (h * h).mean()
    loss.backward()
    grad_norm = math.sqrt(sum(float((p.grad * p.grad).sum()) for p in (wx, wh, b)))
    return float(loss), grad_norm


def timed(fn, runs):
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), min(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    rows = []
    for dtype in (torch.float64, torch.float32):
        name = str(dtype).replace("torch.", "")
        wx, wh, b, xs = lstm_data(dtype)
        for p in (wx, wh, b):
            p.requires_grad_(True)
        loss, grad_norm = t1_step(wx, wh, b, xs)
        med, low = timed(lambda: t1_step(wx, wh, b, xs), args.runs)
        rows.append({"workload": "T1", "dtype": name, "median_ms": med, "min_ms": low,
                     "loss": loss, "grad_norm": grad_norm})

        a = torch.tensor(uniform(N * N, -1, 1, 11), dtype=dtype).reshape(N, N)
        bm = torch.tensor(uniform(N * N, -1, 1, 12), dtype=dtype).reshape(N, N)
        total = float((a @ bm).sum())
        reps = 20
        med, low = timed(lambda: [a @ bm for _ in range(reps)], args.runs)
        med, low = med / reps, low / reps
        rows.append({"workload": "T2", "dtype": name, "median_ms": med, "min_ms": low,
                     "sum": total, "gflops": 2 * N**3 / (med * 1e6)})

    if args.json:
        print(json.dumps({"torch": torch.__version__, "threads": args.threads, "rows": rows}, indent=2))
        return
    print(f"PyTorch {torch.__version__} on {platform.processor() or platform.machine()}, "
          f"{args.threads} thread(s), median of {args.runs} after a warm-up")
    for r in rows:
        extra = (f"loss {r['loss']:.10g}, |grad| {r['grad_norm']:.6g}" if r["workload"] == "T1"
                 else f"sum {r['sum']:.10g}, {r['gflops']:.1f} GFLOP/s")
        print(f"{r['workload']}  pytorch  {r['dtype']:<8} {r['median_ms']:9.2f} ms  (min {r['min_ms']:.2f})  {extra}")


if __name__ == "__main__":
    main()

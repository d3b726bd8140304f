"""Benchmark: the article's CIFAR-10 training loop vs the fast recipe, on the same shapes set.

    python bench/demo_cnn.py [--train-size 10000] [--test-size 2000] [--fast-epochs 4] [--device auto]

Runs `dltutor demo cnn --recipe article` (batch 4, DataLoader with per-sample transforms and
2 workers, SGD lr 0.001 momentum 0.9, 2 epochs) and then `--recipe fast` on the same images,
in this process, and prints:
- images/s of each (training images over training time: data loading inside the loop counts,
  the test evaluations do not) and their ratio (target ≥ 25×);
- the accuracy the article's recipe reaches after its epochs, and the training time each
  recipe needs to reach it (the fast recipe is evaluated every quarter epoch; the time is
  the training clock at the first evaluation that reaches it) — target ≥ 10× sooner.
- the fast recipe's achieved GFLOP/s (training images/s × the Net's training FLOPs per image,
  counted from its layers), the fp32 matmul peak measured with torch on the same threads in the
  same run (best of several 1024×1024 products, measured before and after the fast run), and the
  percentage of that peak (target ≥ 30 %).
The sizes are options so it finishes in a few minutes on a small CPU; the figures depend on
how busy the machine is (the load average is printed). --fast-only skips the article recipe
(and the comparisons that need it); with --precision bf16 it trains under bf16 autocast, and
running it twice (fp32, then bf16) gives the accuracy parity and the speed-up in one session.
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

THROUGHPUT_TARGET = 25.0
TIME_TO_ACCURACY_TARGET = 10.0
PEAK_SHARE_TARGET = 0.30


def training_flops_per_image() -> float:
    """FLOPs of one training image through the Net: 2 per multiply-add of every conv and linear
    layer, for the forward product, the weight gradient and the input gradient (none for the first
    layer: the images need no gradient). Pooling, ReLU, the loss and the optimiser are left out
    (memory-bound, a few percent of the arithmetic)."""
    import torch
    from torch import nn

    from tutor.demos.cnn import Net

    model = Net()
    macs: list[float] = []

    def count(module, inputs, output) -> None:
        if isinstance(module, nn.Conv2d):
            per_output = module.in_channels // module.groups * module.kernel_size[0] * module.kernel_size[1]
            macs.append(output[0].numel() * per_output)
        else:
            macs.append(module.in_features * module.out_features)

    layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    for layer in layers:
        layer.register_forward_hook(count)
    with torch.no_grad():
        model(torch.zeros(1, 3, 32, 32))
    forward = sum(macs)
    return 2 * (forward + forward + (forward - macs[0]))


def matmul_peak_gflops(threads: int, size: int = 1024, repeats: int = 7) -> float:
    """The best fp32 matmul rate torch reaches on `threads` threads (GFLOP/s)."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        a, b = torch.randn(size, size), torch.randn(size, size)
        torch.mm(a, b)  # warm-up
        best = math.inf
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(3):
                torch.mm(a, b)
            best = min(best, (time.perf_counter() - start) / 3)
        return 2 * size ** 3 / best / 1e9
    finally:
        torch.set_num_threads(previous)


def run_recipe(argv: list[str]) -> tuple[dict, list[dict]]:
    """(summary, evaluation metrics) of one cnn run."""
    from tutor.demos import cnn
    from tutor.demos.config import parse

    evaluations = []
    summary = None
    for event in cnn.run(parse(["cnn", *argv])):
        if event["type"] == "metric" and "test_accuracy" in event["values"]:
            evaluations.append(event["values"] | {"step": event["step"]})
        elif event["type"] == "summary":
            summary = event
        elif event["type"] == "text" and event["text"].startswith("["):
            print("   ", event["text"], flush=True)  # the article's running-loss lines
    assert summary is not None
    return summary, evaluations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-size", type=int, default=10_000, help="shapes training images (default 10000)")
    parser.add_argument("--test-size", type=int, default=2_000, help="shapes test images (default 2000)")
    parser.add_argument("--article-epochs", type=int, default=2, help="the article's 2 epochs")
    parser.add_argument("--fast-epochs", type=int, default=4, help="epochs of the fast recipe (default 4)")
    parser.add_argument("--fast-batch-size", type=int, default=None, help="default: the recipe's (128 on CPU)")
    parser.add_argument("--workers", type=int, default=2, help="the article's DataLoader workers (2)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fast-only", action="store_true", help="skip the article recipe")
    parser.add_argument("--variants", action="store_true",
                        help="compare training-step variants of the fast recipe (the article's Net vs FastNet, "
                             "layout, batch, torch.compile) "
                             "side by side, interleaved, against the matmul peak")
    parser.add_argument("--rounds", type=int, default=3, help="--variants: interleaved rounds")
    parser.add_argument("--threads", type=int, default=None, help="pass --threads to the fast recipe")
    parser.add_argument("--precision", choices=("fp32", "bf16"), default=None,
                        help="pass --precision to the fast recipe (the share stays of the fp32 matmul peak)")
    args = parser.parse_args(argv)

    import torch

    from tutor.data.shapes import load_shapes

    common = ["--data", "shapes", "--train-size", str(args.train_size), "--test-size", str(args.test_size),
              "--device", args.device, "--seed", str(args.seed), "--no-pictures"]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"demo_cnn benchmark: shapes set, {args.train_size:,} train / {args.test_size:,} test images; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
          f"load average {load[0]:.1f} at start", flush=True)
    start = time.perf_counter()
    load_shapes(args.train_size, args.test_size, seed=args.seed)  # warm the generator (both runs redraw it)
    print(f"drawing the set takes {time.perf_counter() - start:.1f} s (not counted below)", flush=True)

    if args.variants:
        return variants(args)
    if args.fast_only:
        return fast_share(args, common)
    print(f"\narticle recipe ({args.article_epochs} epochs, batch 4, {args.workers} workers)…", flush=True)
    article, _ = run_recipe(common + ["--recipe", "article", "--epochs", str(args.article_epochs),
                                      "--workers", str(args.workers)])
    target = article["test_accuracy"]
    print(f"  test accuracy {target:.1%}, {article['images_per_s']:,.0f} images/s, training {article['train_s']:.1f} s, "
          f"{article['threads']} torch thread(s), device {article['device']}", flush=True)

    steps_per_epoch = math.ceil(args.train_size / (args.fast_batch_size or (512 if article["device"].startswith("cuda") else 128)))
    fast_argv = common + ["--recipe", "fast", "--epochs", str(args.fast_epochs),
                          "--eval-every", str(max(1, steps_per_epoch // 4))]
    if args.fast_batch_size:
        fast_argv += ["--batch-size", str(args.fast_batch_size)]
    print(f"\nfast recipe ({args.fast_epochs} epochs, evaluated every quarter epoch)…", flush=True)
    if args.threads:
        fast_argv += ["--threads", str(args.threads)]
    peak_before = matmul_peak_gflops(article["threads"] if args.threads is None else args.threads)
    fast, evaluations = run_recipe(fast_argv)
    print_share(fast, peak_before)
    print(f"  test accuracy {fast['test_accuracy']:.1%}, {fast['images_per_s']:,.0f} images/s, training "
          f"{fast['train_s']:.1f} s, batch {fast['batch_size']}, {fast['threads']} torch thread(s), "
          f"device {fast['device']}", flush=True)

    ratio = fast["images_per_s"] / article["images_per_s"]
    reached = next((e for e in evaluations if e["test_accuracy"] >= target), None)
    print("\nresults")
    print(f"  images/s      article {article['images_per_s']:,.0f}   fast {fast['images_per_s']:,.0f}   "
          f"ratio {ratio:.1f}x   (target >= {THROUGHPUT_TARGET:.0f}x: {'met' if ratio >= THROUGHPUT_TARGET else 'NOT met'})")
    if reached is None:
        print(f"  time to {target:.1%} test accuracy: article {article['train_s']:.1f} s, fast never reached it in "
              f"{args.fast_epochs} epochs (best {max(e['test_accuracy'] for e in evaluations):.1%})")
        return 1
    speedup = article["train_s"] / reached["train_s"]
    print(f"  time to {target:.1%} test accuracy (the article recipe's after {args.article_epochs} epochs): "
          f"article {article['train_s']:.1f} s, fast {reached['train_s']:.1f} s (step {reached['step']}, "
          f"{reached['test_accuracy']:.1%}) -> {speedup:.1f}x sooner "
          f"(target >= {TIME_TO_ACCURACY_TARGET:.0f}x: {'met' if speedup >= TIME_TO_ACCURACY_TARGET else 'NOT met'})")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"  load average {load[0]:.1f} at the end; total {time.perf_counter() - start:.0f} s")
    return 0


def print_share(fast: dict, peak_before: float) -> float:
    """Print images/s, GFLOP/s, the matmul peak on the fast run's threads, and the share; return the share."""
    if not fast["device"].startswith("cpu"):
        print(f"  {fast['images_per_s']:,.0f} images/s on {fast['device']} (the peak comparison is for the CPU)")
        return float("nan")
    peak = max(peak_before, matmul_peak_gflops(fast["threads"]))
    flops = training_flops_per_image()
    achieved = fast["images_per_s"] * flops / 1e9
    share = achieved / peak
    print(f"  fast recipe: {fast['images_per_s']:,.0f} images/s × {flops / 1e6:.2f} MFLOP per training image = "
          f"{achieved:.1f} GFLOP/s; fp32 matmul peak on {fast['threads']} thread(s), measured with torch in this run: "
          f"{peak:.1f} GFLOP/s → {share:.0%} of peak (target ≥ {PEAK_SHARE_TARGET:.0%}: "
          f"{'met' if share >= PEAK_SHARE_TARGET else 'NOT met'})", flush=True)
    return share


def variants(args) -> int:
    """Images/s of the fast recipe's training step (Net, AdamW, uint8 batches normalised on the fly)
    in several variants, interleaved round by round so load changes hit them all alike."""
    import statistics

    import torch
    import torch.nn.functional as F

    from tutor.data.shapes import load_shapes
    from tutor.demos.cnn import FastNet, Net, normalise
    from tutor.demos.device import bf16_native
    from tutor.demos.threads import choose

    threads = args.threads or choose(None)[0]
    torch.set_num_threads(threads)
    data = load_shapes(args.train_size, 0, seed=args.seed)
    x_all = torch.from_numpy(data.train_images).permute(0, 3, 1, 2).contiguous()
    y_all = torch.from_numpy(data.train_labels)
    flops = training_flops_per_image()

    def make(network: type[Net], batch: int, channels_last: bool = False, compiled: bool = False, bf16: bool = False):
        torch.manual_seed(args.seed)
        model = network()
        if channels_last:
            model = model.to(memory_format=torch.channels_last)
        optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3)
        forward = torch.compile(model) if compiled else model
        generator = torch.Generator().manual_seed(args.seed)

        def train(images: int) -> float:
            steps = max(2, images // batch)
            start = time.perf_counter()
            for _ in range(steps):
                index = torch.randint(0, len(x_all), (batch,), generator=generator)
                x = normalise(x_all[index])
                if channels_last:
                    x = x.contiguous(memory_format=torch.channels_last)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    loss = F.cross_entropy(forward(x), y_all[index])
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                optimiser.step()
            return steps * batch / (time.perf_counter() - start)

        started = time.perf_counter()
        train(2 * batch)  # warm-up (and compilation)
        return train, time.perf_counter() - started

    # Net: the article's forward (ReLU, then PyTorch's max_pool2d); FastNet: the recipe's (the same
    # function: pooling by tutor.demos.pooling, then ReLU)
    chosen = {"Net, NCHW, batch 128 (before)": (Net, 128, False, False),
              "FastNet, NCHW, batch 128 (the recipe)": (FastNet, 128, False, False),
              "Net, channels_last, batch 128": (Net, 128, True, False),
              "FastNet, channels_last, batch 128": (FastNet, 128, True, False),
              "FastNet, NCHW, batch 256": (FastNet, 256, False, False),
              "FastNet, NCHW, batch 512": (FastNet, 512, False, False),
              "Net, torch.compile, batch 128": (Net, 128, False, True),
              "FastNet, bf16 autocast, batch 128": (FastNet, 128, False, False, True)}
    print(f"bf16 in hardware on this CPU (AMX or AVX-512 BF16): {'yes' if bf16_native(torch.device('cpu')) else 'no'}")
    runners, warmups = {}, {}
    for name, (network, batch, channels_last, compiled, *bf16) in chosen.items():
        try:
            runners[name], warmups[name] = make(network, batch, channels_last, compiled, *bf16)
        except Exception as exc:  # noqa: BLE001 - e.g. no C++ compiler for inductor: report and go on
            print(f"  {name}: unavailable ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})")
    rates: dict[str, list[float]] = {name: [] for name in runners}
    peaks = []
    for _ in range(args.rounds):
        peaks.append(matmul_peak_gflops(threads))
        for name, train in runners.items():
            rates[name].append(train(4096))
    peak = max(peaks)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"\nvariants on {threads} thread(s), {args.rounds} interleaved rounds of 4,096 images each; fp32 matmul "
          f"peak {peak:.1f} GFLOP/s (best of the rounds, measured in this run); median and best round; "
          f"load average {load[0]:.1f} at the end")
    for name, values in rates.items():
        rate, best = statistics.median(values), max(values)
        print(f"  {name:38s} {rate:7,.0f} images/s  {rate * flops / 1e9:5.1f} GFLOP/s  "
              f"{rate * flops / 1e9 / peak:4.0%} of peak  (best {best:,.0f}, {best * flops / 1e9 / peak:.0%})  "
              f"(first step and warm-up {warmups[name]:.1f} s)")
    return 0


def fast_share(args, common: list[str]) -> int:
    """--fast-only: the fast recipe's throughput against the measured matmul peak."""
    argv = common + ["--recipe", "fast", "--epochs", str(args.fast_epochs)]
    if args.fast_batch_size:
        argv += ["--batch-size", str(args.fast_batch_size)]
    if args.threads:
        argv += ["--threads", str(args.threads)]
    if args.precision:
        argv += ["--precision", args.precision]
    from tutor.demos.threads import choose

    peak_before = matmul_peak_gflops(args.threads or choose(None)[0])
    print(f"\nfast recipe ({args.fast_epochs} epochs)…", flush=True)
    fast, _ = run_recipe(argv)
    print(f"  test accuracy {fast['test_accuracy']:.1%}, training {fast['train_s']:.1f} s, batch {fast['batch_size']}, "
          f"{fast['threads']} torch thread(s), precision {fast['precision']}", flush=True)
    print_share(fast, peak_before)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"  load average {load[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())

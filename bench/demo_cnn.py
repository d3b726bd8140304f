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
The sizes are options so it finishes in a few minutes on a small CPU; the figures depend on
how busy the machine is (the load average is printed).
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
    fast, evaluations = run_recipe(fast_argv)
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


if __name__ == "__main__":
    sys.exit(main())

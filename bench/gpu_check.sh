#!/usr/bin/env bash
# The GPU checks, as one prepared script for a machine with CUDA (see README "GPU"):
#   the GPU-marked tests, the cnn demo benchmark on CUDA, and a warm grade on CUDA.
# Usage: bash bench/gpu_check.sh [OUTDIR]   (figures are printed and written to OUTDIR/*.log)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-${OUT:-/tmp/dltutor-gpu}}
mkdir -p "$out"
py=${PYTHON:-python3}
export PYTHONUNBUFFERED=1
echo "== device" | tee "$out/summary.log"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tee -a "$out/summary.log"
$py -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.version.cuda)" \
    2>&1 | tee -a "$out/summary.log"
echo "== GPU-marked tests" | tee -a "$out/summary.log"
$py -m pytest -m gpu -q -p no:cacheprovider 2>&1 | tee "$out/tests.log" | tail -3 | tee -a "$out/summary.log"
echo "== cnn demo on CUDA" | tee -a "$out/summary.log"
$py bench/demo_cnn.py --device cuda 2>&1 | tee "$out/demo_cnn.log" | tail -15 | tee -a "$out/summary.log"
echo "== warm grade on CUDA" | tee -a "$out/summary.log"
$py bench/grade_latency.py --runs 5 --device cuda 2>&1 | tee "$out/grade.log" | tail -8 | tee -a "$out/summary.log"
# The host's CPU, for issue 13's bf16 question (this laptop-class CPU here has no bf16 instructions):
# whether it has AMX / AVX-512 BF16, the training-step variants on one thread (bf16 autocast among
# them) against the fp32 matmul peak, and the fast recipe's accuracy in fp32 and in bf16 on the same set.
echo "== cnn on the host CPU: variants (bf16 autocast included) and precision parity" | tee -a "$out/summary.log"
$py bench/demo_cnn.py --device cpu --variants --rounds 3 --threads 1 2>&1 | tee "$out/cpu_variants.log" \
    | grep -E "bf16 in hardware|of peak" | tee -a "$out/summary.log"
for precision in fp32 bf16; do
    $py bench/demo_cnn.py --device cpu --fast-only --threads 1 --precision $precision 2>&1 \
        | tee "$out/cpu_fast_$precision.log" | grep -E "test accuracy|of peak" | tee -a "$out/summary.log"
done

"""A learner who returns a NumPy array is told to keep to torch operations, and why: the array carries
no gradient, so converting it back at the end would not make a gradient check pass."""
from __future__ import annotations

from tutor.content import shipped_catalog
from tutor.grading.engine import grade


def test_a_numpy_result_is_refused_with_the_reason(tmp_path):
    learner = tmp_path / "mse.py"
    learner.write_text("def mse_loss(pred, target):\n    return ((pred - target) ** 2).mean().detach().numpy()\n")
    result = grade(shipped_catalog().exercise("mse"), learner, seed=1, device="cpu")
    assert result.status == "fail"
    messages = [t.message for t in result.tests if t.status == "fail"]
    assert any("numpy" in m and "carries no gradient" in m and "torch.as_tensor" in m for m in messages), messages

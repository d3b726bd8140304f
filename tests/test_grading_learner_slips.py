"""What the grader says about a file that returns the wrong kind of thing or names its function wrongly."""
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


def test_a_misnamed_function_is_named_back(tmp_path):
    exercise = shipped_catalog().exercise("mse")
    cased = tmp_path / "cased.py"
    cased.write_text("def MSE_loss(pred, target):\n    return ((pred - target) ** 2).mean()\n")
    typo = tmp_path / "typo.py"
    typo.write_text("def mse_los(pred, target):\n    return ((pred - target) ** 2).mean()\n")
    messages = {}
    for path in (cased, typo):
        result = grade(exercise, path, seed=1, device="cpu")
        messages[path.stem] = next(t.message for t in result.tests if t.name == "defines mse_loss")
    assert messages["cased"].endswith("It defines 'MSE_loss': rename it to 'mse_loss' (Python names are case-sensitive).")
    assert messages["typo"].endswith("It defines 'mse_los': did you mean to call it 'mse_loss'?")


def test_a_time_out_after_heavy_printing_names_the_printing(tmp_path):
    import dataclasses

    exercise = dataclasses.replace(shipped_catalog().exercise("mse"), timeout=2.0)  # a short limit: a quick test
    chatty = tmp_path / "chatty.py"
    chatty.write_text("def mse_loss(pred, target):\n    while True:\n        print(pred)\n")
    quiet = tmp_path / "quiet.py"
    quiet.write_text("def mse_loss(pred, target):\n    while True:\n        pass\n")
    said = {}
    for path in (chatty, quiet):
        result = grade(exercise, path, seed=1, device="cpu")
        said[path.stem] = next(t.message for t in result.tests if t.status == "timeout")
    assert "time limit" in said["chatty"] and "printed more than 200 lines" in said["chatty"], said
    assert "time limit" in said["quiet"] and "printed" not in said["quiet"], said

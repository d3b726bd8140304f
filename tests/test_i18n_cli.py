"""The CLI in Chinese: `check --json` keeps its contract (field names, status values, check names)
while its messages follow the language; the verdict display and `hint` wrap by cell width."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from rich.console import Console

from tutor.content import shipped_catalog
from tutor.i18n import lang

CJK = re.compile(r"[\u4e00-\u9fff]")
RESULT_FIELDS = {"exercise", "status", "tests", "seed", "duration_s", "device", "output", "output_lines_dropped"}
TEST_FIELDS = {"name", "status", "message", "mistake", "counterexample", "stage", "mistake_explanation", "note"}
STATUSES = {"pass", "fail", "error", "timeout", "skipped"}


@pytest.fixture(autouse=True)
def zh(monkeypatch):
    monkeypatch.setenv("DLTUTOR_LANG", "zh")
    monkeypatch.setattr(lang, "_override", None)
    yield
    lang._override = None


def dltutor(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


@pytest.mark.slow
def test_check_json_in_zh_keeps_field_names_statuses_and_check_names_and_translates_messages(warm_daemon):
    assert dltutor("start", "conv2d").returncode == 0
    done = dltutor("check", "conv2d", "--json", "--seed", "1")
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == RESULT_FIELDS and result["status"] == "fail" and result["exercise"] == "conv2d"
    assert all(set(test) == TEST_FIELDS and test["status"] in STATUSES for test in result["tests"])
    names = [test["name"] for test in result["tests"]]
    assert "file imports" in names and "defines conv2d" in names        # check names are identifiers: English
    messages = [test["message"] for test in result["tests"]]
    assert "导入成功" in messages                                          # "imported cleanly"
    assert any(message.startswith("还没有实现") for message in messages)     # "not implemented yet …"

    # The human display of the same grade: verdict first words keep PASS/FAIL, the rest in Chinese.
    from tutor.commands.check import render
    from tutor.grading.result import from_json

    console = Console(width=80, record=True, file=open(os.devnull, "w"))
    render(from_json(result), shipped_catalog().exercise("conv2d"), console)
    shown = console.export_text()
    assert "FAIL 未通过  conv2d" in shown and "卡住了？" in shown
    assert all(cell_len(line) <= 80 for line in shown.splitlines())


def test_hint_lines_fit_the_terminal_in_cells(monkeypatch, capsys):
    from tutor.cli import main

    monkeypatch.setenv("COLUMNS", "41")
    assert main(["hint", "conv2d"]) == 0
    assert main(["hint", "conv2d"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("提示 1/") and "（看过）：" in line for line in lines)
    assert any(line.startswith("提示 2/") and "（新）：" in line for line in lines)
    assert all(cell_len(line) <= 40 for line in lines), [line for line in lines if cell_len(line) > 40]


def test_the_verdict_details_and_case_facts_are_translated():
    from tutor.report import build_report

    report = build_report({"status": "fail", "tests": [
        {"name": "a", "status": "pass"}, {"name": "b", "status": "fail", "message": "m",
                                          "counterexample": {"call": "f", "inputs": {"x": "tensor(2, 3) float64"},
                                                             "seed": 4}},
        {"name": "c", "status": "skipped"}]})
    assert report.verdict == "FAIL 未通过  3 项中 1 项失败，1 项未运行"
    assert report.first.case.facts == "float64 张量 · 种子 4"
    assert CJK.search(report.word)


def test_wrong_values_line_up_expected_and_got_in_cells():
    import torch

    from tutor.grading.compare import compare

    message = compare(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.0, 4.0])).message
    assert "最大绝对误差 1" in message.splitlines()[0]
    expected, got = message.splitlines()[-2:]
    assert expected.startswith("前几个值——应为") and got.strip().startswith("实际为")
    assert cell_len(expected[:expected.index("[")]) == cell_len(got[:got.index("[")])

"""Forbidden APIs: a static scan of the learner's file and run-time guards in the sandbox.

Rules are dotted paths: 'torch.nn.functional.conv2d', 'torch.nn.Conv2d', 'torch.Tensor.unfold'.
The scan resolves import aliases (`import torch.nn.functional as F`, `from torch import nn`) so
`F.conv2d(...)` and `nn.Conv2d(...)` are recognised; a Tensor method (`x.unfold(...)`) is
recognised by its attribute name.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Short spellings people use, for messages.
_SHORT = {"torch.nn.functional.": "F.", "torch.nn.": "nn.", "torch.Tensor.": "Tensor."}


def short_name(rule: str) -> str:
    for long, short in _SHORT.items():
        if rule.startswith(long):
            return short + rule[len(long):]
    return rule


@dataclass
class Violation:
    rule: str
    line: int
    col: int
    source_line: str

    def message(self) -> str:
        return (f"line {self.line} uses {short_name(self.rule)}, which this exercise asks you to write yourself:\n"
                f"    {self.source_line.strip()}")


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def scan(source: str, rules: tuple[str, ...] | list[str]) -> list[Violation]:
    """Every use of a forbidden API in the source (a SyntaxError propagates)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    aliases.setdefault(alias.name.split(".")[0], alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    module_rules = {r for r in rules if not r.startswith("torch.Tensor.")}
    method_rules = {r.rsplit(".", 1)[1]: r for r in rules if r.startswith("torch.Tensor.")}
    found: list[Violation] = []
    seen: set[tuple[int, str]] = set()

    def report(rule: str, node: ast.AST) -> None:
        key = (node.lineno, rule)
        if key not in seen:
            seen.add(key)
            text = lines[node.lineno - 1] if 0 < node.lineno <= len(lines) else ""
            found.append(Violation(rule, node.lineno, node.col_offset, text))

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in module_rules:
                    report(f"{node.module}.{alias.name}", node)
        if isinstance(node, (ast.Attribute, ast.Name)):
            parts = _dotted(node)
            if parts:
                head = aliases.get(parts[0], parts[0])
                full = ".".join([head, *parts[1:]])
                if full in module_rules:
                    report(full, node)
                    continue
            if isinstance(node, ast.Attribute) and node.attr in method_rules:
                # x.unfold(...) on something that is not an imported module is a Tensor method;
                # math.tanh or np.tanh are not.
                if not (parts and parts[0] in aliases and len(parts) == 2):
                    report(method_rules[node.attr], node)
    found.sort(key=lambda v: (v.line, v.col))
    return found


def scan_file(path: Path, rules) -> list[Violation]:
    return scan(path.read_text(encoding="utf-8"), rules)


class ForbiddenAPIError(Exception):
    """Raised in the sandbox when learner code calls an API its exercise forbids."""


def _resolve(rule: str):
    import importlib

    parts = rule.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1]
    raise ValueError(f"cannot resolve forbidden rule {rule!r}")


def install_guards(rules, learner_file: str) -> None:
    """Replace each forbidden callable by a guard that refuses calls made from the learner's file.

    Calls from anywhere else (PyTorch itself, the grader's harness) go through untouched, so a
    forbidden function used inside an allowed one keeps working.
    """
    import functools
    import sys
    import types

    def from_learner() -> bool:
        frame = sys._getframe(2)
        return frame is not None and frame.f_code.co_filename == learner_file

    for rule in rules:
        try:
            owner, name = _resolve(rule)
            original = getattr(owner, name)
        except (ValueError, AttributeError, ImportError):
            continue
        if isinstance(original, types.ModuleType):
            continue  # a whole module: left to the static scan
        message = (f"{short_name(rule)} is off-limits in this exercise: it is what you are asked to write. "
                   f"Build it from simpler tensor operations.")
        if isinstance(original, type):
            def guarded_init(self, *args, __original=original, __message=message, **kwargs):
                if from_learner():
                    raise ForbiddenAPIError(__message)
                __original.__init__(self, *args, **kwargs)

            guard = type(original.__name__, (original,), {"__init__": guarded_init,
                                                          "__module__": original.__module__})
        else:
            @functools.wraps(original)
            def guard(*args, __original=original, __message=message, **kwargs):
                if from_learner():
                    raise ForbiddenAPIError(__message)
                return __original(*args, **kwargs)
        try:
            setattr(owner, name, guard)
        except (AttributeError, TypeError):
            pass
        # Aliases that point at the same object (torch.conv2d is torch.nn.functional.conv2d, …).
        if not isinstance(original, type):
            import torch
            import torch.nn.functional as F

            for module in (torch, F, torch.special, torch.nn.functional):
                for attr in (name,):
                    if getattr(module, attr, None) is original:
                        try:
                            setattr(module, attr, guard)
                        except (AttributeError, TypeError):
                            pass

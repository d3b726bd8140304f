"""Forbidden APIs: a static scan of the learner's file and run-time guards in the sandbox.

Rules are dotted paths: 'torch.nn.functional.conv2d', 'torch.nn.Conv2d', 'torch.Tensor.unfold'.
The scan resolves import aliases (`import torch.nn.functional as F`, `from torch import nn`) so
`F.conv2d(...)` and `nn.Conv2d(...)` are recognised; a Tensor method (`x.unfold(...)`) is
recognised by its attribute name — unless the learner owns that name: a file that defines a
function, method or attribute called `backward` (a layer class with its own backward pass) or
`softmax` has `.backward(...)`/`.softmax` calls the scan cannot tell from the Tensor method, and
the run-time guards (tutor.grading.guards) judge those by what actually runs.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

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
        from tutor.i18n.catalog import _  # here: the sandbox's child imports this module, and never says this

        return _("line {line} uses {api}, which this exercise asks you to write yourself:").format(
            line=self.line, api=short_name(self.rule)) + f"\n    {self.source_line.strip()}"


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def owned_names(tree: ast.AST) -> set[str]:
    """Names the learner's file defines: functions, methods, classes, and attributes it assigns."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.attr)
    return names


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
    owned = owned_names(tree)
    method_rules = {r.rsplit(".", 1)[1]: r for r in rules if r.startswith("torch.Tensor.")
                    and r.rsplit(".", 1)[1] not in owned}
    found: list[Violation] = []
    seen: set[tuple[int, str]] = set()

    def report(rule: str, node: ast.expr | ast.stmt) -> None:
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


class _Refusal(Exception):
    """A refusal raised inside the sandbox, said in English (str(exc), what the learner's own code
    sees if it catches it) and carried as a catalogue template with its values, so that the
    grading process can say it in the learner's language: the child reads no catalogue once its
    audit hook is up (tutor.grading.messages.refusal_text). `phrases` names the values that are
    themselves catalogue entries ("starting a process")."""

    def __init__(self, template: str, /, phrases: tuple[str, ...] = (), **values: str) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values
        self.phrases = phrases


class ForbiddenAPIError(_Refusal):
    """Raised in the sandbox when learner code reaches an API its exercise forbids (tutor.grading.guards)."""


class SandboxRefusal(_Refusal, PermissionError):
    """Raised in the sandbox when graded code reaches outside it (the grader's files, processes, network)."""

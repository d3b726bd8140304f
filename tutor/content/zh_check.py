"""The translators' self-check: `python -m tutor.content.zh_check [lesson-stem-or-exercise-id ...]`.

The same checks as `dltutor validate` and tests/test_zh_content.py (tutor/content/translations.py),
for the files named (a lesson stem such as 05-convnets or convnets, an exercise id such as conv2d),
or for everything. Prints each problem, or `zh parity: OK`; exits 1 when there is a problem.
"""
from __future__ import annotations

import sys

from tutor import paths
from tutor.content.translations import ZH


def _named(problem, wanted: list[str]) -> bool:
    if problem.path.parent.name == ZH:                       # lessons/zh/NN-slug.md or .quiz.toml
        return any(w in problem.path.name for w in wanted)
    return problem.path.parent.name in wanted                # exercises/<id>/zh.toml or starter.zh.py


def main(argv: list[str] | None = None) -> int:
    wanted = sys.argv[1:] if argv is None else argv
    from tutor.content.catalog import load_catalog
    from tutor.grading.exercise_files import phrase_problems

    catalog = load_catalog(paths.content_root(), lang=ZH)
    found = [p for p in catalog.translation_problems if not wanted or _named(p, wanted)]
    found += [p for e in catalog.exercises.values() if not wanted or e.id in wanted for p in phrase_problems(e)]
    print("\n".join(str(p) for p in found) or "zh parity: OK")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())

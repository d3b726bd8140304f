# exercise: conv2d
# expect: fail
# stage: forbidden
# message: cannot read the grader's files
# runpy of the shipped solution.
import runpy
from pathlib import Path

import tutor

_root = Path(tutor.__file__).resolve().parent.parent
conv2d = runpy.run_path(str(_root / "exercises" / "conv2d" / "solution.py"))["conv2d"]

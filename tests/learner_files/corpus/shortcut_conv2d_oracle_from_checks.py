# exercise: conv2d
# expect: fail
# stage: forbidden
# message: cannot read the grader's files
# Importing the exercise's checks.py and using its ORACLE.
import importlib.util
from pathlib import Path

import tutor

_path = Path(tutor.__file__).resolve().parent.parent / "exercises" / "conv2d" / "checks.py"
_spec = importlib.util.spec_from_file_location("checks", _path)
_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checks)
conv2d = _checks.ORACLE.conv2d

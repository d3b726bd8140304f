# exercise: conv2d
# expect: fail
# stage: forbidden
# message: cannot read the grader's files
# Loading the shipped model solution from the package's folder.
import importlib.util
from pathlib import Path

import tutor

_here = Path(tutor.__file__).resolve().parent
_bundled = _here / "_bundled" / "exercises" / "conv2d" / "solution.py"   # an installed wheel
_path = _bundled if _bundled.exists() else _here.parent / "exercises" / "conv2d" / "solution.py"
_spec = importlib.util.spec_from_file_location("shipped", _path)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
conv2d = _module.conv2d

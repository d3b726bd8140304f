"""Hostile: find the checkout through the grader's own modules, read the model solution, plant files
in the content folder and in the tutor package.
Expected: the exercises folder is invisible, the checkout read-only; an ordinary FAIL."""
import pathlib
import sys

package = next(pathlib.Path(m.__file__).resolve().parent for name, m in list(sys.modules.items())
               if name == "tutor.grading.sandbox" and getattr(m, "__file__", None))
root = package.parent.parent  # tutor/grading -> checkout (the content root of an editable install)
try:
    print("READ", len((root / "exercises" / "conv2d" / "solution.py").read_text()), "characters of the model solution")
except OSError as exc:
    print("solution refused", exc.strerror)
for target in (root / "exercises" / "conv2d" / "planted.py", root / "tutor" / "planted.py"):
    try:
        target.write_text("planted = True\n")
        print("WROTE", target)
    except OSError as exc:
        print("refused", target, exc.strerror)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    return x

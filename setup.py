"""Ship lessons/ and exercises/ inside the wheel as tutor/_bundled/.

An editable install reads them straight from the checkout (see tutor/paths.py), so only
regular builds copy them.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CONTENT = ("lessons", "exercises")


class build_py_with_content(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in CONTENT:
            source = ROOT / name
            if source.is_dir():
                target = Path(self.build_lib) / "tutor" / "_bundled" / name
                # A reused build/ folder may hold files deleted since: start from a clean copy.
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_content})

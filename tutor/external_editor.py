"""The learner's own editor, found the same way by `dltutor start --edit` and the app's ctrl+e."""
from __future__ import annotations

import os
import shlex
import shutil

FALLBACKS = ("nano", "vim", "vi")


def editor_argv() -> list[str]:
    """$VISUAL, else $EDITOR (split like a shell would), else the first of nano/vim/vi installed; [] if none."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if command:
        try:
            argv = shlex.split(command)
        except ValueError:  # unbalanced quotes: take it as one program name
            argv = [command]
        if argv:
            return argv
    return next(([name] for name in FALLBACKS if shutil.which(name)), [])

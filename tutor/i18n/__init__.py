"""The learner's language (English or Simplified Chinese) and the message catalogue.

`lang` decides which language is in force (command line, $DLTUTOR_LANG, the saved setting, the
locale); the content loaders and every front end ask it, never the environment directly.
"""
from __future__ import annotations

from tutor.i18n.lang import LANGUAGES, clear_language, current_language, normalise, set_language

__all__ = ["LANGUAGES", "clear_language", "current_language", "normalise", "set_language"]

"""alt+digit reaches the app as alt+digit.

Terminals (xterm, GNOME Terminal, tmux, VS Code's, xterm.js in `dltutor serve`) send alt+3 as ESC
followed by "3". Textual's key table reads ESC + a digit as the character a Mac's Option key makes
in WezTerm ("\\x1b3" is "£", "\\x1b1" is "¡", "\\x1b2" is "™"), so alt+1/2/3 — the exercise screen's
pane keys — never fired, and pressed in the editor they typed "¡", "™" or "£" into the learner's
code. Without those entries the parser reads ESC + digit as alt + digit, its rule for any other
character.
"""
from __future__ import annotations

from typing import cast

ALT_DIGITS = tuple("\x1b" + digit for digit in "0123456789")


def read_escape_digit_as_alt() -> None:
    """Drop Textual's ESC + digit → Mac character entries (idempotent; this process only).

    The table is Textual's private module: where a later Textual moves or freezes it, the app
    starts as it is rather than not at all (tests/test_newcomer_alt_keys.py shows which)."""
    try:
        from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
    except ImportError:
        return
    table = cast("dict[str, object]", ANSI_SEQUENCES_KEYS)      # declared a Mapping; it is a dict
    if not isinstance(table, dict):
        return
    for sequence in ALT_DIGITS:
        if isinstance(table.get(sequence), str):      # a character, not a key or the ignore marker
            del table[sequence]

"""Lengths of time, written for people, in the learner's language.

Two forms: `compact` for a table cell or a status line ('45s', '12m', '1h 05m' / '45 秒',
'12 分钟', '1 小时 05 分'), coarse on purpose (a study log, not a stopwatch); and `spoken` for a
sentence ('no input for 5 minutes' / '5 分钟').

English and Chinese both need just two forms of a counted unit (one, other), so the singular and
the plural are whole catalogue entries chosen by the count, rather than ngettext pairs.
"""
from __future__ import annotations

from tutor.i18n.catalog import _

NONE = "—"


def compact(seconds: float | None) -> str:
    """'—' (nothing yet), '45s', '12m', '1h 05m', in the learner's language."""
    if not seconds or seconds < 1:
        return NONE
    seconds = int(round(seconds))
    if seconds < 60:
        return _("{seconds}s").format(seconds=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return _("{minutes}m").format(minutes=minutes)
    return _("{hours}h {minutes}m").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def spoken(seconds: float) -> str:
    """'a long time' (0 or less: never timed), '40 seconds', '1 minute', '90 minutes', '3 hours'."""
    if seconds <= 0:
        return _("a long time")
    minutes = round(seconds / 60)
    if minutes < 1:
        whole = round(seconds)
        return (_("1 second") if whole == 1 else _("{count} seconds")).format(count=whole)
    if minutes < 120:
        return (_("1 minute") if minutes == 1 else _("{count} minutes")).format(count=minutes)
    return _("{count} hours").format(count=round(minutes / 60))


__all__ = ["NONE", "compact", "spoken"]

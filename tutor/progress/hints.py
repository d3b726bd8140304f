"""The hints a learner has revealed, in the order they asked for them.

An exercise has progressive hints (hint 1, 2, 3 …) and its named mistakes may carry a hint of
their own. When the learner's last graded attempt was diagnosed as a named mistake, the next hint
they ask for is that mistake's hint (once); otherwise it is the next progressive hint. The count
of progressive hints lives in the store's exercise_state; which mistake hints were shown, and how
many progressive hints had been revealed at that moment, live in its key-value table, so the
hints are shown in the order they were revealed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from tutor.content import Exercise
from tutor.i18n.catalog import _


@dataclass(frozen=True)
class ShownHint:
    label: str          # "Hint 2/3" or "About your last mistake: Flipped kernel"
    text: str
    mistake: str | None = None


def _key(exercise_id: str) -> str:
    return f"mistake_hints:{exercise_id}"


def mistake_log(store, exercise_id: str) -> list[tuple[str, int]]:
    """(mistake id, progressive hints revealed when it was shown), oldest first."""
    try:
        entries = json.loads(store.get(_key(exercise_id)) or "[]")
        return [(str(m), int(n)) for m, n in entries]
    except (ValueError, TypeError):
        return []          # an unreadable entry only loses the mistake hints' order, never a crash


def ordered_hints(exercise: Exercise, revealed: int, log: list[tuple[str, int]]) -> list[ShownHint]:
    """Every hint revealed so far: the first `revealed` progressive hints, with each mistake hint
    slotted in after the progressive hints that had been revealed before it."""
    total = len(exercise.hints)
    revealed = max(0, min(revealed, total))
    shown: list[ShownHint] = []
    for position in range(revealed + 1):
        for mistake_id, at in log:
            mistake = exercise.mistakes.get(mistake_id)
            if min(at, revealed) == position and mistake is not None and mistake.hint:
                shown.append(ShownHint(_("About your last mistake: {title}").format(title=mistake.title), mistake.hint,
                                           mistake_id))
        if position < revealed:
            shown.append(ShownHint(_("Hint {number}/{total}").format(number=position + 1, total=total),
                                       exercise.hints[position]))
    return shown


def shown_hints(store, exercise: Exercise) -> list[ShownHint]:
    return ordered_hints(exercise, store.exercise_state(exercise.id).hints_revealed, mistake_log(store, exercise.id))


def pending_mistake(store, exercise: Exercise) -> str | None:
    """The last attempt's named mistake, if it has a hint the learner has not seen yet."""
    attempts = store.attempts(exercise.id)
    mistake_id = attempts[-1]["mistake"] if attempts else None
    mistake = exercise.mistakes.get(mistake_id) if mistake_id else None
    if mistake is None or not mistake.hint:
        return None
    if any(seen == mistake_id for seen, _ in mistake_log(store, exercise.id)):
        return None
    return mistake_id


def reveal_next_hint(store, exercise: Exercise) -> tuple[list[ShownHint], ShownHint | None]:
    """Reveal one more hint: the last mistake's own hint first, else the next progressive one.
    Returns every hint shown so far (in order) and the new one (None when nothing was left)."""
    mistake_id = pending_mistake(store, exercise)
    if mistake_id is not None:
        log = mistake_log(store, exercise.id)
        log.append((mistake_id, store.exercise_state(exercise.id).hints_revealed))
        store.put(_key(exercise.id), json.dumps(log))
        shown = shown_hints(store, exercise)
        return shown, next(h for h in shown if h.mistake == mistake_id)
    before = store.exercise_state(exercise.id).hints_revealed
    after = store.reveal_hint(exercise.id, len(exercise.hints))
    shown = shown_hints(store, exercise)
    if after == before:
        return shown, None
    label = _("Hint {number}/{total}").format(number=after, total=len(exercise.hints))
    return shown, next(h for h in shown if h.label == label and h.mistake is None)

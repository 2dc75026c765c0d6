"""Interleave content-creating writes with plain ones so GitHub's caps, not the order, set time.

GitHub allows 80 content-creating objects a minute and 500 an hour. A content step goes as
soon as its prerequisites are done and the caps let it go without waiting; otherwise the next
plain step fills the time. Prerequisites are the planned changes a content step needs first
(an issue's labels and milestone), so the plain queue must hold them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from cohort.github.pacing import Pacer


@dataclass
class ContentStep:
    """A write that creates ``created`` objects once every change in ``needs`` is done."""

    created: int
    needs: frozenset[object]
    send: Callable[[], None]


class ScheduleError(RuntimeError):
    """A content step needs something no remaining step makes (a bug in the caller)."""


def interleave(
    content: Sequence[ContentStep],
    plain: Sequence[Callable[[], None]],
    pacer: Pacer,
    done: Collection[object],
) -> None:
    """Run every step: content first whenever it is ready and would not wait for a cap."""
    waiting, fillers = list(content), list(plain)
    while waiting or fillers:
        head = waiting[0] if waiting else None
        ready = head is not None and all(n in done for n in head.needs)
        if head is not None and ready and (not fillers or _free(pacer, head.created)):
            waiting.pop(0).send()
        elif fillers:
            fillers.pop(0)()
        else:
            raise ScheduleError("a content-creating write waits for changes nothing makes")


def _free(pacer: Pacer, created: int) -> bool:
    """True when the caps add no wait beyond the gap every write keeps."""
    return pacer.delay(created) <= pacer.delay(0)

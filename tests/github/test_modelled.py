"""The modelled-time model: exact integer arithmetic, all three caps, edge sequences."""

from __future__ import annotations

import pytest

from cohort.github.modelled import Step, UnschedulableError, modelled_ms, modelled_seconds

R, W = Step(False), Step(True)


def test_reads_and_plain_writes_add_their_latencies_and_the_one_second_gap() -> None:
    assert modelled_ms([R, R]) == 600
    assert modelled_ms([W, W, W]) == 2_500  # starts at 0, 1,000, 2,000; the last takes 500
    assert modelled_ms([W, R, R, W]) == 1_600  # the reads end at 1,100, past the 1 s gap


def test_eighty_objects_a_minute_then_the_next_write_waits_for_the_window() -> None:
    steps = [Step(True, 20)] * 5  # at 0, 1, 2, 3 s; the fifth needs the first out of the minute
    assert modelled_ms(steps) == 60_000 + 500


def test_five_hundred_objects_an_hour() -> None:
    steps = [Step(True, 50)] * 11  # 80 a minute lets one write of 50 each minute
    assert modelled_ms(steps) == 3_600_000 + 500


def test_a_write_creating_more_than_a_window_allows_is_refused_not_looped() -> None:
    with pytest.raises(UnschedulableError):
        modelled_ms([Step(True, 81)])


def test_sequences_that_stalled_the_float_model_finish() -> None:
    # creations at 112.2 s stalled ``t`` in floating point; integers cannot
    steps = [R] * 374 + [Step(True, 1)] * 600 + [Step(True, 20)] * 30 + [W] * 900
    total = modelled_ms(steps)
    assert total > 2 * 3_600_000
    assert modelled_seconds(steps) == -(-total // 1000)


def test_the_cap_never_holds_more_than_its_limit_in_any_window() -> None:
    steps = [Step(True, k % 7) for k in range(800)]
    times = [modelled_ms(steps[:n]) - 500 for n in range(1, len(steps) + 1)]  # write starts
    assert times == sorted(set(times))
    created = [(s, steps[i].content_created) for i, s in enumerate(times)]
    for start, _ in created:
        in_minute = sum(c for s, c in created if start <= s < start + 60_000)
        in_hour = sum(c for s, c in created if start <= s < start + 3_600_000)
        assert in_minute <= 80
        assert in_hour <= 500

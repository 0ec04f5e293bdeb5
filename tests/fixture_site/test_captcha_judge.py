"""The slider's judge, on recorded drags: timing in a browser under load is no test of it."""

from __future__ import annotations

from assistant.fixture_site.captcha import Drag, verifies

TRAVEL = 260.0


def drag(moves: int, over_ms: float, to: float = TRAVEL) -> Drag:
    return Drag(moves=[(to * i / (moves - 1), over_ms * i / (moves - 1)) for i in range(moves)],
                travel=TRAVEL)


def test_many_small_moves_over_more_than_half_a_second_verify() -> None:
    assert verifies(drag(moves=30, over_ms=800))


def test_many_small_moves_sent_at_once_are_a_script() -> None:
    assert not verifies(drag(moves=12, over_ms=40))


def test_an_instant_jump_is_rejected() -> None:
    assert not verifies(drag(moves=2, over_ms=900))


def test_a_drag_that_stops_short_of_the_end_is_rejected() -> None:
    assert not verifies(drag(moves=30, over_ms=800, to=TRAVEL / 2))

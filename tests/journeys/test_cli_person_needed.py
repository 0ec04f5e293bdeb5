"""What needs a person, on both skins of the fixture shop: the mailed verification code (typed
into one field, or one box per digit on the real shop's page), the slider captcha (drawn in
the page, or in an iframe on the real shop) and the anti-bot block page ("unusual traffic").
Without a screen the assistant stops with exit 3 at once, never in a retry loop, and submits
nothing."""

from __future__ import annotations

import pytest

from assistant.domain import Case, State
from fixture_shop.pytest_plugin import FixtureSite
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions

pytestmark = pytest.mark.browser

ORDER = "8190000000000001"
SKINS = ("seed", "aliexpress")


def on_both_skins(scenario: str = "default", *, reworded: bool = False) -> pytest.MarkDecorator:
    """The test once per skin, on a shop with ``scenario``; ``reworded``: once more on the real
    shop's pages in wording 1 (labels the assistant's texts do not list verbatim)."""
    params = [pytest.param(skin, marks=pytest.mark.fixture_site(skin=skin, scenario=scenario),
                           id=skin) for skin in SKINS]
    if reworded:
        params.append(pytest.param("aliexpress", marks=pytest.mark.fixture_site(
            skin="aliexpress", scenario=scenario, wording=1), id="aliexpress-wording-1"))
    return pytest.mark.parametrize("skin", params)


@on_both_skins("verification-code", reworded=True)
def test_login_types_the_mailed_code_and_signs_in(
        assistant: Assistant, fixture_site: FixtureSite, skin: str) -> None:
    # GIVEN the mailbox the shop sends its code to
    run = assistant("login", env={"ASSISTANT_MAIL": f"maildir:{fixture_site.maildir}"})
    # THEN the code was typed (one box per digit on the real shop's page) and accepted
    assert run.returncode == 0, run.stderr
    assert f"Signed in as {fixture_site.account.email}" in run.stdout
    assert [s["email"] for s in fixture_site.state()["sessions"]] == [
        fixture_site.account.email]
    assert mentions(assistant.data_dir, fixture_site.account.password) == []


@on_both_skins("captcha", reworded=True)
def test_a_slider_without_a_screen_exits_3_saying_a_person_must_solve_it(
        assistant: Assistant, skin: str) -> None:
    run = assistant("login")
    # THEN exit 3, naming the way on
    assert run.returncode == 3, run.stderr
    assert "slider captcha" in run.stderr
    assert "a person must solve it" in run.stderr
    assert "machine with a screen" in run.stderr
    assert assistant.site.state()["sessions"] == []


@on_both_skins()
@pytest.mark.parametrize("command", [("login",), ("cancel", ORDER, "--reason", REASON, "--yes")],
                         ids=["login", "cancel"])
def test_the_block_page_exits_3_at_once_and_nothing_is_submitted(
        assistant: Assistant, skin: str, command: tuple[str, ...]) -> None:
    # GIVEN the shop answers the next page loads with its anti-bot block page
    assistant.site.switch(punish=20)
    run = assistant(*command)
    # THEN exit 3 with what the shop did and what to do, not a retry
    assert run.returncode == 3, run.stderr
    assert "unusual traffic" in run.stderr and "A person is needed" in run.stderr
    state = assistant.site.state()
    assert state["cancel_requests"] == [] and state["sessions"] == []
    assert len(state["blocks"]) == 1  # one page load blocked: not tried again
    assert assistant.case_or_none(ORDER) is None


@on_both_skins()
def test_in_tick_the_block_page_leaves_the_case_waiting_and_exits_3(cron: Assistant,
                                                                    skin: str) -> None:
    # GIVEN a kept request whose submit is due, and the shop's block page on every page load
    now = cron.now()
    order = next(o for o in cron.site.state()["orders"] if o["id"] == ORDER)
    case = Case.open(ORDER)
    case.record_request([i["id"] for i in order["items"]], reason=REASON, surface="web",
                        at=now)
    case.submit_failed(now, error="HTTP 500 from the shop", next_check=now)
    cron.save(case)
    cron.site.switch(punish=100)
    # WHEN the scheduler's pass runs
    ticked = cron.tick()
    # THEN it exits 3 saying a person is needed, and the case is not failed: it waits
    assert ticked.returncode == 3, ticked.stderr
    assert "unusual traffic" in "\n".join(ticked.json()["person_needed"])
    waiting = cron.case(ORDER)
    assert waiting.state is State.REQUESTED and waiting.failures_in_a_row == 1
    assert cron.requests() == [] and len(cron.site.state()["blocks"]) == 1
    # AND once the shop lets the browser in again, the next pass submits the request, once
    cron.site.switch()
    again = cron.tick()
    assert again.returncode == 0, again.stderr
    assert len(cron.requests(ORDER)) == 1 and cron.case(ORDER).state is State.SUBMITTED

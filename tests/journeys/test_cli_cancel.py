"""`assistant cancel` against the fixture site: what the shop receives, the case, the exit code."""

from __future__ import annotations

import resource
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.cli import REASON, Assistant
from tests.support.leaks import mentions
from tests.support.wording import WORDINGS

pytestmark = pytest.mark.browser

SINGLE = "8190000000000001"
MULTI = "8190000000000003"  # items 1, 2, 3
DECLINE_SHIPPED = "8190000000000004"
SELLER_REFUSES = "8190000000000006"  # "Sunny Jewelry Factory"
SHIPPED = "8190000000000007"  # Awaiting delivery
ON_SECOND_PAGE = "8190000000000011"  # only found after "View orders"


def test_a_cancellable_order_is_requested_with_its_items_and_reason(assistant: Assistant) -> None:
    # WHEN the shopper cancels a single-item order awaiting shipment
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN the shop holds exactly one request, for that item, with that reason
    assert run.returncode == 0, run.stderr
    assert [(r["items"], r["reason"], r["surface"]) for r in assistant.requests()] == [
        (["1"], REASON, "web")]
    # AND the case records it as submitted
    case = assistant.case(SINGLE)
    assert case is not None and case.state is State.SUBMITTED and case.items == ["1"]
    assert f"Cancellation requested for order {SINGLE}: items 1 (USB-C cable 1 m)" in run.stdout


def test_only_the_named_item_of_a_multi_item_order_is_requested(assistant: Assistant) -> None:
    run = assistant("cancel", MULTI, "--item", "2", "--reason", REASON, "--yes")
    assert run.returncode == 0, run.stderr
    assert [r["items"] for r in assistant.requests()] == [["2"]]
    items = {i["id"]: i["status"] for o in assistant.site.state()["orders"]
             if o["id"] == MULTI for i in o["items"]}
    assert items == {"1": "active", "2": "cancel_requested", "3": "active"}


@pytest.mark.parametrize("wording", WORDINGS)
def test_other_items_of_the_same_order_join_its_case(assistant: Assistant, wording: int) -> None:
    # GIVEN item 2 of the order was requested (the form then words it "Cancellation
    # requested", or in wording 1 "Cancellation pending")
    assert assistant.site.state()["wording"] == wording
    assert assistant("cancel", MULTI, "--item", "2", "--reason", REASON, "--yes").returncode == 0
    # WHEN the shopper cancels the rest of the order (no --item: every item)
    run = assistant("cancel", MULTI, "--reason", REASON, "--yes")
    # THEN only items 1 and 3 are requested now, and the case holds all three
    assert run.returncode == 0, run.stderr
    assert [r["items"] for r in assistant.requests()] == [["2"], ["1", "3"]]
    case = assistant.case(MULTI)
    assert case is not None and sorted(case.items) == ["1", "2", "3"]
    assert "Items 2 were requested before; not submitted again." in run.stdout


def test_an_order_on_the_second_page_is_found_with_view_orders(assistant: Assistant) -> None:
    run = assistant("cancel", ON_SECOND_PAGE, "--reason", REASON, "--yes")
    assert run.returncode == 0, run.stderr
    assert [r["order"] for r in assistant.requests()] == [ON_SECOND_PAGE]


def test_a_shipped_order_exits_5_and_nothing_is_requested(assistant: Assistant) -> None:
    run = assistant("cancel", SHIPPED, "--reason", REASON, "--yes")
    assert run.returncode == 5, run.stderr
    assert assistant.requests() == []
    assert "has shipped (Awaiting delivery)" in run.stderr and "return" in run.stderr
    case = assistant.case(SHIPPED)
    assert case is not None and case.state is State.AWAITING_DELIVERY


def test_a_seller_that_refuses_exits_5_and_the_case_says_whom_to_contact(
        assistant: Assistant) -> None:
    run = assistant("cancel", SELLER_REFUSES, "--reason", REASON, "--yes")
    assert run.returncode == 5, run.stderr
    assert assistant.requests() == []
    case = assistant.case(SELLER_REFUSES)
    assert case is not None and case.state is State.SELLER_CONTACT
    assert case.todo is not None and "Sunny Jewelry Factory" in case.todo
    assert "Contact the seller Sunny Jewelry Factory" in run.stderr


def test_an_order_the_shop_will_decline_later_is_requested_now(assistant: Assistant) -> None:
    run = assistant("cancel", DECLINE_SHIPPED, "--reason", REASON, "--yes")
    assert run.returncode == 0, run.stderr
    assert [r["order"] for r in assistant.requests()] == [DECLINE_SHIPPED]


def test_a_rerun_after_success_makes_no_second_request(assistant: Assistant) -> None:
    assert assistant("cancel", SINGLE, "--reason", REASON, "--yes").returncode == 0
    # WHEN the same command runs again, and once more naming the item
    again = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    named = assistant("cancel", SINGLE, "--item", "1", "--reason", REASON, "--yes")
    # THEN both report the existing request and exit 0, and the shop got one request
    for run in (again, named):
        assert run.returncode == 0, run.stderr
        assert f"Order {SINGLE}: items 1 were requested already" in run.stdout
    assert len(assistant.requests()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["8190000000000099", "--reason", REASON], "Order 8190000000000099 is not on this account"),
    ([SINGLE, "--item", "7", "--reason", REASON],
     f"Order {SINGLE} has no item 7. Its items: 1 (USB-C cable 1 m)"),
    ([SINGLE, "--reason", "Because"],
     'The shop does not offer the reason "Because" (--reason) for order'),
    ([SINGLE], "No cancellation reason given. For order"),
], ids=["unknown-order", "unknown-item", "unknown-reason", "no-reason"])
def test_bad_input_exits_2_and_nothing_is_submitted(assistant: Assistant, args: list[str],
                                                    message: str) -> None:
    run = assistant("cancel", *args, "--yes")
    assert run.returncode == 2, run.stderr
    assert message in run.stderr
    assert "Nothing was submitted" in run.stderr
    assert assistant.requests() == []
    assert assistant.case_or_none(SINGLE) is None
    if "reason" in message:  # the shop's reasons are listed, to pick one
        assert '"No longer needed"; "I ordered the wrong product(s)"' in run.stderr


@pytest.mark.parametrize("number", [
    "８１９０００００００００００００１",  # the first order's number in fullwidth digits
    "٨١٩٠٠٠٠٠٠٠٠٠٠٠٠١",  # and in Arabic-Indic digits
    "819000000000001",  # 15 digits
], ids=["fullwidth", "arabic-indic", "short"])
def test_a_number_that_is_no_order_number_exits_2_at_once(assistant: Assistant,
                                                          number: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = assistant("cancel", number, "--reason", REASON, "--yes")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert run.returncode == 2, run.stderr
    assert f"{number!r} is not an order number." in run.stderr
    # under two seconds of the command's CPU time, its start-up included (a loaded machine
    # stretches the wall clock; a browser and its driver alone take several), no browser
    # started, nothing requested or recorded
    took = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert took < 2.0, took
    assert not (assistant.data_dir / "session").exists()
    assert assistant.requests() == [] and assistant.case_or_none(SINGLE) is None


def test_the_default_reason_setting_is_used_without_reason(assistant: Assistant) -> None:
    run = assistant("cancel", SINGLE, "--yes", env={"ASSISTANT_DEFAULT_REASON": "Other reasons"})
    assert run.returncode == 0, run.stderr
    assert [r["reason"] for r in assistant.requests()] == ["Other reasons"]


def test_without_a_terminal_yes_is_required_before_the_browser_opens(
        assistant: Assistant) -> None:
    run = assistant("cancel", SINGLE, "--reason", REASON)
    assert run.returncode == 2
    assert "No terminal to confirm" in run.stderr and "--yes" in run.stderr
    assert assistant.requests() == []
    assert not (assistant.data_dir / "session").exists()  # the browser never opened


def test_a_dry_run_fills_the_form_and_submits_and_records_nothing(assistant: Assistant) -> None:
    run = assistant("cancel", MULTI, "--item", "3", "--reason", REASON, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert "Dry run: would cancel order 8190000000000003: items 3 (Desk clamp)" in run.stdout
    shot = Path(run.stdout.split("The filled form: ")[1].strip())
    assert shot.name == "dry-run.png" and assistant.data_dir / "evidence" in shot.parents
    assert shot.stat().st_size > 0
    assert assistant.requests() == []
    assert assistant.case_or_none(MULTI) is None


def test_a_missing_cancel_button_exits_4_with_evidence_and_no_password(
        assistant: Assistant) -> None:
    # GIVEN the shop's pages lost their cancel controls
    assistant.site.switch(hide="cancel_button")
    # WHEN the shopper cancels (signing in first: the data dir is new)
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN exit 4, nothing submitted, and the message names the trace and the screenshot
    assert run.returncode == 4, run.stderr
    assert "offers no \"Cancel items\"; nothing was submitted" in run.stderr
    assert assistant.requests() == []
    evidence = run.stderr.split("Evidence: ")[1].split(", ")
    names = [e.strip().rsplit("/", 1)[-1] for e in evidence]
    assert "failure.png" in names and any(n.startswith("trace-") for n in names)
    kept = list((assistant.data_dir / "evidence").rglob("*"))
    assert {p.stat().st_mode & 0o777 for p in kept if p.is_file()} == {0o600}
    assert {p.stat().st_mode & 0o777 for p in kept if p.is_dir()} == {0o700}
    # AND the password is in no file under the data dir, not even inside the trace zips
    assert mentions(assistant.data_dir, assistant.site.account.password) == []


def test_the_trace_of_a_run_that_signed_in_holds_no_password(assistant: Assistant) -> None:
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes", "--keep-trace")
    assert run.returncode == 0, run.stderr
    traces = list((assistant.data_dir / "evidence").rglob("trace-*.zip"))
    assert len(traces) == 2  # before sign-in, and after it: sign-in itself is not recorded
    assert mentions(assistant.data_dir, assistant.site.account.password) == []


def test_a_successful_run_leaves_no_trace_behind(assistant: Assistant) -> None:
    assert assistant("cancel", SINGLE, "--reason", REASON, "--yes").returncode == 0
    assert list((assistant.data_dir / "evidence").rglob("*.*")) == []


def test_a_few_server_errors_are_retried_and_the_run_finishes(assistant: Assistant) -> None:
    assistant.site.switch(http_500=2)
    run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    assert run.returncode == 0, run.stderr
    assert len(assistant.requests()) == 1


def test_signed_out_mid_run_signs_in_again_and_requests_once(assistant: Assistant) -> None:
    # GIVEN a saved session, and a shop that ends it after two more pages
    assert assistant("login").returncode == 0
    assistant.site.switch(sign_out_after=2)
    # WHEN the shopper cancels
    run = assistant("-v", "cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN the run signed in again on the way and the shop got one request
    assert run.returncode == 0, run.stderr
    assert "signing in again" in run.stderr
    assert len(assistant.requests()) == 1


def test_an_order_another_run_works_on_is_left_alone(assistant: Assistant) -> None:
    # GIVEN another run (here: a tick) holds the order's case
    with CaseStore.open(assistant.data_dir / "assistant.sqlite3") as store, \
            store.case_lease(SINGLE, owner="tick", ttl=timedelta(minutes=5)) as lease:
        assert lease
        # WHEN the shopper cancels the same order
        run = assistant("cancel", SINGLE, "--reason", REASON, "--yes")
    # THEN it exits 1 (not done by this run) saying who works on it, and submits nothing
    assert run.returncode == 1, run.stderr
    assert f"Order {SINGLE} is being worked on by another run (tick (pid" in run.stderr
    assert assistant.requests() == []

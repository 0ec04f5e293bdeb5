"""The walk `assistant record` takes through the account, with the flows' own page objects.

Home → the order list (every page the named orders need, or all of them) → for each named
order: its page; a delivered order's "Returns/refunds" tab up to its first form; an order
that offers a cancel: its cancel form or window opened (the way `assistant cancel` opens
it), its reasons read, and closed again without sending anything. After each step the page
is kept as it is then (its DOM, after its scripts ran), named by page and state.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from assistant.errors import AssistantError, SignedOut
from assistant.usecases.record_popups import close_all
from flows.model import OrderSummary
from flows.web import markup
from flows.web.cancel_window import CancelWindow
from flows.web.home import HomePage
from flows.web.list_api import ListAnswers
from flows.web.my_orders import MyOrdersPage
from flows.web.returns import ReturnApplyPage, ReturnsTab, returns_button
from flows.web.your_orders import YourOrdersPage
from flows.web_surface import WebSurface

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    name: str  # "orders/list-page-1"
    url: str
    html: str


@dataclass
class WalkResult:
    skin: str = ""
    orders: list[OrderSummary] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    shopper_name: str | None = None
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # steps the walk could not take


class RecordWalk:
    def __init__(self, surface: WebSurface) -> None:
        self.surface = surface
        self.site = surface.site
        self.answers = ListAnswers(self.site.page)
        self.result = WalkResult()

    def snap(self, name: str, page: Page | None = None) -> None:
        page = page or self.site.page
        close_all(page, self.site.texts)
        taken = {s.name for s in self.result.snapshots}
        unique, n = name, 1
        while unique in taken:
            n += 1
            unique = f"{name}-{n}"
        self.result.snapshots.append(Snapshot(unique, page.url, page.content()))

    def run(self, wanted: Sequence[str], *, all_pages: bool) -> WalkResult:
        home = HomePage(self.site).open()
        if not home.signed_in():
            raise SignedOut("The saved session is signed out; `assistant record` does not "
                            "sign in (that would send the password).",
                            hint="Run `assistant login`, then `assistant record` again.")
        self.result.shopper_name = self._shopper_name()
        self.snap("home/signed-in")
        listing = home.open_orders(self.answers)
        self.result.skin = "aliexpress" if isinstance(listing, MyOrdersPage) else "seed"
        self._list_pages(listing, set(wanted), all_pages)
        for number in wanted:
            self._order(number)
        return self.result

    def _shopper_name(self) -> str | None:
        """The name the header shows (e.g. in "Hi, NAME"), not its "Account" label."""
        label = self.site.texts.exact("home.account_menu")
        for shown in self.site.page.locator(markup.SHOPPER_NAME).all():
            name = " ".join(shown.inner_text().split())
            if name and not label.match(name):
                return name
        return None

    def _entries(self, listing: YourOrdersPage | MyOrdersPage) -> list[Locator]:
        return (listing.cards if isinstance(listing, MyOrdersPage) else listing.blocks).all()

    def _list_pages(self, listing: YourOrdersPage | MyOrdersPage, wanted: set[str],
                    all_pages: bool) -> None:
        page = 1
        self.snap("orders/list-page-1")
        while all_pages or not wanted <= self._listed(listing):
            if not listing.more():
                break
            page += 1
            self.snap(f"orders/list-page-{page}")
        self.result.orders = [listing.summary(e) for e in self._entries(listing)]

    def _listed(self, listing: YourOrdersPage | MyOrdersPage) -> set[str]:
        return {listing.summary(e).id for e in self._entries(listing)}

    def _order(self, number: str) -> None:
        listing = HomePage(self.site).open().open_orders(self.answers)
        entry = listing.find(number)
        summary = listing.summary(entry)
        if isinstance(listing, MyOrdersPage):
            shown = listing.open_details(entry, summary).summary()
            scope = self.site.page.locator(markup.ORDER_PAGE)
        else:
            shown = listing.open_details(entry).summary()
            scope = self.site.page.get_by_role("main")
        self.snap(f"order/detail-{_slug(str(shown.status))}")
        if returns_button(scope, self.site).count():
            self._returns(scope)
        if summary.cancellable:
            self._cancel(number)

    def _returns(self, scope: Locator) -> None:
        tab = self._returns_tab(scope)
        try:
            form = ReturnApplyPage(tab).arrive()
            self.snap("returns/before-you-start", tab.page)
            try:
                form.answer_received()
            except (AssistantError, PlaywrightError) as exc:
                # the page is kept as it was; the recording says the form was not reached
                why = getattr(exc, "message", "") or str(exc)
                log.warning("Recording: the return form did not open: %s", why)
                self.result.notes.append("the return form did not open: "
                                         + why.splitlines()[0])
                self.snap("returns/form-not-reached", tab.page)
                return
            self.snap("returns/form", tab.page)
        finally:
            tab.close()

    def _returns_tab(self, scope: Locator) -> ReturnsTab:
        """The tab "Returns/refunds" opens, without the popup handlers of ``open_returns_tab``:
        the cookie banner of that tab may sit under the "Before you start" question, where
        clicking it would fail every step; the walk only reads the tab and answers "Yes"."""
        with self.site.page.context.expect_page(timeout=self.site.timeout_s * 1000) as opened:
            returns_button(scope, self.site).first.click()
        tab = opened.value
        tab.wait_for_load_state("domcontentloaded")
        return ReturnsTab(self.site.session, self.site.texts, tab=tab)

    def _cancel(self, number: str) -> None:
        form = self.surface.open_cancel_form(number)
        self.snap("cancel/window-open")
        self.result.reasons = form.reasons()
        if isinstance(form, CancelWindow):
            form.close_dropdown()  # as a person leaves it: closed, nothing chosen
            form.window.locator(markup.MODAL_CLOSE).or_(form.window.get_by_role(
                "button", name=self.site.texts.exact("overlays.close"))).first.click()
            self.site.wait_until(lambda: not form.window.is_visible(), "the closed window")
        else:  # the form is a page of its own: back to the list, loaded again
            self.site.page.go_back(wait_until="domcontentloaded")
            YourOrdersPage(self.site).arrive()
        self.snap("cancel/window-closed")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"

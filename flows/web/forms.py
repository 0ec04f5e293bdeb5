"""What the "Cancel items" and the return forms share: the shop's custom drop-down (a
combobox button that opens a listbox) and a checkbox per item."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from flows.web.site import WebSite

CHOOSE_TRY_S = 2.0  # one try at an option's click; a closed drop-down is opened again after

# For each checkbox: its value (the item ID), its label (the title), whether it can be
# ticked, and the texts around it (its row), which say "Cancellation requested" and so on.
CHECKBOXES_JS = """root => Array.from(root.querySelectorAll('input[type=checkbox]')).map(c => {
  const row = c.closest('li, tr, [role=listitem], [role=row]') || c.parentElement;
  const label = c.labels && c.labels.length ? c.labels[0].innerText.trim() : '';
  const texts = Array.from(row.querySelectorAll('*'))
    .filter(e => e.children.length === 0 && e.checkVisibility())
    .map(e => e.innerText.trim()).filter(t => t.length > 0);
  return {value: c.value, label: label, disabled: c.disabled, texts: texts};
})"""
# The value of each ticked box among ``els``, null for any other element.
TICKED_JS = "els => els.map(e => e.matches('input[type=checkbox]') ? e.value : null)"


def dropdown_options(combobox: Locator, options: Locator, *, close: bool = True) -> list[str]:
    """Open the drop-down and read its options; close it again unless ``close`` is False
    (the caller chooses one next)."""
    combobox.click()
    offered = option_texts(options)
    if not offered:  # most drop-downs open at once: waited for only when none shows yet
        options.filter(visible=True).first.wait_for()
        offered = option_texts(options)
    if close:
        combobox.press("Escape")
    return offered


def option_texts(options: Locator) -> list[str]:
    """The texts of the drop-down's options that show now, in one look."""
    return [t.strip() for t in options.filter(visible=True).all_inner_texts() if t.strip()]


def choose_option(site: WebSite, opener: Locator, options: Locator, option: Locator, *,
                  left_open: bool = False) -> None:
    """Click ``option`` of the drop-down that ``opener`` opens (``options``: all of its
    options), opening it first when it is closed (``left_open``: the caller has just read
    its options and left it open, so the first try clicks without looking). Once more when
    the popup handler closed a popup meanwhile: the click on the popup's close button closes
    the drop-down too (and a click that timed out clicked nothing)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    open_now = left_open

    def chosen() -> bool:
        nonlocal open_now
        if not open_now and not options.first.is_visible():
            opener.click()
        open_now = False  # a later try looks again
        try:
            option.click(timeout=CHOOSE_TRY_S * 1000)
        except PlaywrightTimeout:
            return False
        return True

    site.wait_until(chosen, "the reason drop-down", poll_s=0)


def tick_exactly(section: Locator, wanted: Sequence[str],
                 boxes: Iterable[tuple[str, bool]]) -> None:
    """Tick the ``wanted`` item IDs and untick the other boxes that can be changed (``boxes``:
    each item ID and whether it is open). ``ticked`` reads back what the form shows."""
    for item_id, is_open in boxes:
        box = section.locator(f"input[type=checkbox][value={_css_string(item_id)}]")
        if item_id in wanted:
            box.check()
        elif is_open:
            box.uncheck()


def ticked(section: Locator, beside: Locator | None = None) -> tuple[list[str], bool]:
    """The item IDs ticked in ``section`` now, in the page's order, for the caller to check
    before anything is sent; and, in the same look, whether ``beside`` shows (not a box)."""
    boxes = section.locator("input[type=checkbox]:checked")
    found = (boxes if beside is None else boxes.or_(beside)).evaluate_all(TICKED_JS)
    return [str(v) for v in found if v is not None], None in found


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

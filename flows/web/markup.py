"""What the real shop's markup is known to have, where its texts alone do not say enough:
its pages are plain ``div``s with class names and no ARIA landmarks, so a flow finds them by
these (after role and visible text, which come first). The texts are in the locale's
site.toml; this is the one place for the shop's URLs, API names and class names.

Each entry is a CSS selector list: any one of its parts may match, the desktop pages' class
names first, then the phone pages'. The phone pages (m.aliexpress.com) are built with CSS
modules: each class name is ``block--element--`` and a hash that changes with every build
of the site (``orderItem--orderItem--3kXq2``), so they are matched by that stable prefix,
never by the whole name.
"""

from __future__ import annotations

import re

# "My Orders" and an order's page.
MY_ORDERS_URL = re.compile(r"/p/order/index\.html")  # /m/p/… on the phone pages
ORDER_PAGE_URL = re.compile(r"/p/order/detail\.html\?(?:.*&)?orderId=(\d{16})")
# The JSON answers behind "My Orders" and the cancel window's "Submit" (mtop APIs).
LIST_API = re.compile(r"/mtop\.aliexpress\.trade\.buyer\.order\.list/")
CANCEL_API = re.compile(r"/mtop\.aliexpress\.trade\.buyer\.order\.cancel/")
# In the list's answer: the blocks of orders, and the paging block.
LIST_ORDER_TAG = "pc_om_list_order"

# "My Orders": the list of order cards, one card, the loading mask over the list.
ORDER_LIST = 'div.order-content, [class*="OrderList--list--"]'
ORDER_CARD = 'div.order-content div.order-item, [class*="orderItem--orderItem--"]'
CARD_STATUS = ('span.order-item-header-status-text, .order-item-header-status, '
               '[class*="orderItem--status--"]')
CARD_STORE = 'span.order-item-store-name, .order-item-store, [class*="orderItem--storeName--"]'
LOADING_MASK = 'div.comet-loading-wrap, .comet-loading, [class*="Loading--mask--"]'

# An order's page: its content, its status line, the notices under it.
ORDER_PAGE = 'div.order-detail-wrap, [class*="OrderDetail--page--"]'
ORDER_PAGE_STATUS = '.order-status-title, [class*="OrderStatus--title--"]'
ORDER_PAGE_NOTICE = '.order-status-desc, [class*="OrderStatus--desc--"]'
ORDER_PAGE_STORE = '.order-detail-item-store-name, [class*="OrderDetail--storeName--"]'

# The site's modal windows (a bottom sheet on the phone pages), and the custom drop-down
# inside them ("Select here").
MODAL = '.comet-modal, [class*="CancelSheet--sheet--"]'
DROPDOWN = '.comet-v2-select, .comet-select, [class*="ReasonPicker--picker--"]'
DROPDOWN_OPTION = ('.comet-v2-menu-item, .comet-v2-select-item-option, .comet-select-item, '
                   '[class*="ReasonPicker--option--"]')
MODAL_ERROR = ('.cancel-order-error, .comet-form-item-explain-error, '
               '[class*="CancelSheet--error--"]')

# The sign-in's "Email verification code" page: one input per digit, data-id 0, 1, …
CODE_BOXES = "input[data-id][maxlength='1'], .nfm-code-input input"

# The sign-in's error under a field, and the cookie banner at the bottom of every page.
SIGN_IN_ERROR = ".nfm-login-input-error-text, .fm-error-tip"
COOKIE_BANNER = '.global-gdpr-wrap, [class*="CookieBanner--banner--"]'

# The phone pages: the "Account" tab's page, which holds "My Orders".
ACCOUNT_PAGE = '[class*="AccountPage--page--"]'

# The return pages (a new tab, /p/reverse-pages/…): the custom select for the reason is the
# site's (DROPDOWN, DROPDOWN_OPTION); "Submit" carries this data-pl and asks "Confirm" in a
# MODAL. The rest is found by its texts; these classes are the fixture's real-shaped ones.
RETURN_PAGE_URL = re.compile(r"/reverse-pages/")
RETURN_ITEMS = ".reverse-items"
RETURN_DESCRIPTION = "textarea"
RETURN_ERROR = ".reverse-form-error, .comet-form-item-explain-error"
RETURN_SUBMIT = "button[data-pl=buyersubmit_btn_submit]"

# Recording the pages read-only (`assistant record`): the only POST/PUT/DELETE/PATCH requests
# that merely read (the real shop's mtop list API may be posted); every other one is blocked.
READ_ENDPOINTS = (LIST_API,)
# The controls that send something to the shop, by their texts' keys in site.toml: a click on
# one is blocked while recording.
SUBMITTING_CONTROLS = ("cancel.submit", "returns.next_step", "returns.submit", "mobile.submit",
                       "sign_in.submit")
# Where the header shows the shopper's name (when it shows one rather than "Account").
SHOPPER_NAME = ".my-account-name, .account-name, .user-name"
# The close control of a modal window (the "Cancel order" window's ×).
MODAL_CLOSE = ".comet-modal-close"

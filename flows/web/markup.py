"""What the real shop's desktop markup is known to have, where its texts alone do not say
enough: its pages are plain ``div``s with class names and no ARIA landmarks, so a flow finds
them by these (after role and visible text, which come first). The texts are in the
locale's site.toml; this is the one place for the shop's URLs, API names and class names.

Each entry is a CSS selector list: any one of its parts may match.
"""

from __future__ import annotations

import re

# "My Orders" and an order's page.
MY_ORDERS_URL = re.compile(r"/p/order/index\.html")
ORDER_PAGE_URL = re.compile(r"/p/order/detail\.html\?(?:.*&)?orderId=(\d{16})")
# The JSON answers behind "My Orders" and the cancel window's "Submit" (mtop APIs).
LIST_API = re.compile(r"/mtop\.aliexpress\.trade\.buyer\.order\.list/")
CANCEL_API = re.compile(r"/mtop\.aliexpress\.trade\.buyer\.order\.cancel/")
# In the list's answer: the blocks of orders, and the paging block.
LIST_ORDER_TAG = "pc_om_list_order"

# "My Orders": the list of order cards, one card, the loading mask over the list.
ORDER_LIST = "div.order-content"
ORDER_CARD = "div.order-content div.order-item"
CARD_STATUS = "span.order-item-header-status-text, .order-item-header-status"
CARD_STORE = "span.order-item-store-name, .order-item-store"
LOADING_MASK = "div.comet-loading-wrap, .comet-loading"

# An order's page: its content, its status line, the notices under it.
ORDER_PAGE = "div.order-detail-wrap"
ORDER_PAGE_STATUS = ".order-status-title"
ORDER_PAGE_NOTICE = ".order-status-desc"
ORDER_PAGE_STORE = ".order-detail-item-store-name"

# The site's modal windows, and the custom drop-down inside them ("Select here").
MODAL = ".comet-modal"
DROPDOWN = ".comet-v2-select, .comet-select"
DROPDOWN_OPTION = ".comet-v2-menu-item, .comet-v2-select-item-option, .comet-select-item"
MODAL_ERROR = ".cancel-order-error, .comet-form-item-explain-error"

# The sign-in's error under a field, and the cookie banner at the bottom of every page.
SIGN_IN_ERROR = ".nfm-login-input-error-text, .fm-error-tip"
COOKIE_BANNER = ".global-gdpr-wrap"

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

"""The use cases: each command's work in one module that takes the case's lease, runs the
journey on the shop's pages (``flows``), and records the outcome in the case (``store``).

- ``cancel``: `assistant cancel` (at most once; the gate; the case's bookkeeping in
  ``cancel_book``, the result in ``cancel_outcome``);
- ``returns``: `assistant return`, and the tick's return of a delivered order;
- ``login``, ``orders``: `assistant login`, `assistant orders`;
- ``resubmit``, ``page_check``: the tick's submit of a pending request, its look at a page;
- ``tick``: one scheduler pass (``tick_browser``/``tick_steps``: its browser work), and
  ``watch``: the same pass on an interval;
- ``shop``: opening the shop in a browser for any of them (sign-in, the code, retries);
  ``leases``: the one lease rule; ``refused_password``: the guard for a refused password.
"""

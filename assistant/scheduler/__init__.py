"""The scheduler: what is due for each case, and the pass that does it.

Plain Python, no browser:
- ``policy``: the intervals, limits and return window, from the settings;
- ``plan``: given a case, a time and the policy, the next step and the next check;
- ``facts``: what a page read, a return or giving up does to a case;
- ``report``: what a pass did, and its exit code.
The pass:
- ``tick``: one pass (mail, then each due case under its lease, one browser for all);
- ``browser_work`` / ``steps``: the steps that need the shop's pages, and their setbacks
  (imported only when a case needs the browser, with Playwright);
- ``watch``: the same pass on an APScheduler interval, woken early by new mail;
- ``returns``: `assistant return`, a return opened by hand.
"""

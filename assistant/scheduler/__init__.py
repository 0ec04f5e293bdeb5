"""The scheduler's decisions: what is due for each case, and what a finding does to it.

Plain Python, no browser, no store:
- ``policy``: the intervals, limits and return window, from the settings;
- ``plan``: given a case, a time and the policy, the next step and the next check;
- ``facts``: what a page read, a return or giving up does to a case;
- ``report``: what a pass did, and its exit code.
The pass itself (`assistant tick` and `watch`) is a use case: ``assistant.usecases.tick``.
"""

"""The fixture site's two wordings of its labels, as a test parameter.

``@pytest.mark.parametrize("wording", WORDINGS)`` runs a test against the usual labels and
against labels the assistant's texts do not list verbatim ("Request cancellation", "Search
by order number", "Log in", …; tests/fixtures/test_wording.py shows they differ), with no
setting telling the assistant which.
"""

from __future__ import annotations

import pytest

WORDINGS = [pytest.param(n, marks=pytest.mark.fixture_site(wording=n), id=f"wording-{n}")
            for n in (0, 1)]

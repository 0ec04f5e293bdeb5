"""The pytest plugin, from outside: a tester's project with nothing but the installed package
runs the README's example test (its conftest.py and test file), and it passes."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from . import readme


@pytest.mark.browser
def test_the_readmes_example_test_passes_in_a_testers_project(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a fresh project holding only the README's example files
    examples = readme.plugin_examples()
    assert set(examples) == {"conftest.py", "test_my_shop.py"}
    for name, body in examples.items():
        pytester.makepyfile(**{name.removesuffix(".py"): body})
    # pytester gives the run its own HOME; Playwright's downloaded browsers stay where they are
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", os.environ.get(
        "PLAYWRIGHT_BROWSERS_PATH", str(home / ".cache" / "ms-playwright")))
    # WHEN pytest runs there, finding the plugin through the package's entry point only
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=240)
    # THEN every example test passes
    result.assert_outcomes(passed=3)


def test_the_plugin_is_registered_by_the_entry_point_alone(pytester: pytest.Pytester) -> None:
    # GIVEN a project that names no plugin; WHEN pytest lists its fixtures
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    # THEN the fixture site's fixtures are there, from assistant.pytest_plugin
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*fixtures defined from assistant.pytest_plugin*",
                                 "fixture_site*", "*fixture_site_factory*"])

"""Where the fixture site's data (templates, scenarios, static files) lives."""

from __future__ import annotations

from pathlib import Path


def fixtures_dir() -> Path:
    """The fixtures folder: inside the installed wheel, else the editable checkout's root.

    The wheel ships the repository's ``fixtures/`` as ``assistant/_fixtures`` (see
    pyproject.toml); an editable install has no such folder, so we look at the checkout.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_fixtures", package.parent.parent / "fixtures"):
        if (candidate / "scenarios").is_dir():
            return candidate
    raise FileNotFoundError(
        f"the fixture site's data is missing: looked in {package / '_fixtures'} and "
        f"{package.parent.parent / 'fixtures'}; reinstall the package"
    )

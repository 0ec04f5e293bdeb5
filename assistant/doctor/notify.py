"""The notifications check: where messages go, and that apprise can parse every URL.

It sends nothing (`assistant notify --test` does) and never shows a URL: they hold tokens.
"""

from __future__ import annotations

from assistant.doctor.model import Check
from assistant.errors import AssistantError
from assistant.notify.deliver import check_config, check_urls
from assistant.notify.targets import configured
from assistant.settings import Settings

NAME = "notifications"


def notifications(settings: Settings) -> Check:
    try:
        targets = configured(settings)
    except AssistantError as exc:
        return Check.failed(NAME, exc)
    if not targets:
        return Check.ok(NAME, "none set up (optional): results and \"a person is needed\" "
                        "are only seen in `assistant status` and tick's exit code",
                        "Store apprise URLs with `assistant secrets set notify`, or set "
                        "ASSISTANT_NOTIFY_CONFIG to an apprise configuration file (0600).")
    wrong = check_urls(targets.urls)
    if wrong:
        return Check.failed(NAME, f"apprise cannot parse {len(wrong)} stored URL(s): "
                            f"{', '.join(wrong)}.",
                            "Store them again: `assistant secrets set notify`.", config=True)
    if targets.config is not None and check_config(targets) == 0:
        return Check.failed(NAME, f"The apprise configuration {targets.config} names no URL "
                            "apprise can use.", "Fix the file (apprise's configuration "
                            "format), or unset ASSISTANT_NOTIFY_CONFIG.", config=True)
    return Check.ok(NAME, f"{targets.describe()}; `assistant notify --test` sends a test message")

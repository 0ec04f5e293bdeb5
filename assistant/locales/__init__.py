"""The shop's texts per locale, as data: <locale>/site.toml (pages), <locale>/mail.toml (mail)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

from assistant.errors import ConfigError


def read_locale_file(locale: str, name: str, what: str) -> dict[str, Any]:
    """The TOML table of ``<locale>/<name>``; a ConfigError names the locales that have one.

    ``what`` says what the file holds ("site texts", "mail patterns"), for the message.
    """
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?", locale):
        raise ConfigError(f"ASSISTANT_LOCALE must look like 'en' or 'pt_BR', got: {locale!r}")
    root = resources.files(__name__)
    source = root.joinpath(locale, name)
    if not source.is_file():
        available = sorted(p.name for p in root.iterdir() if p.joinpath(name).is_file())
        raise ConfigError(f"No {what} for locale {locale!r}.",
                          hint=f"Set ASSISTANT_LOCALE to one of: {', '.join(available)}.")
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"locales/{locale}/{name} is not valid TOML: {exc}") from None

"""The shop's texts per locale (assistant/locales/<locale>/site.toml), as data.

Flows never spell a button or a label themselves: they ask ``Texts`` for a key such as
``"cancel.submit"`` and get every variant the real shop uses, as a tuple or as a pattern
for Playwright's ``name=`` / ``has_text=``. An unknown key raises: a typo must fail loudly,
not match nothing.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.errors import ConfigError
from assistant.locales import read_locale_file


class UnknownText(LookupError):
    """A flow asked for a text key the locale file does not have (a bug, not user input)."""


class Texts:
    """One locale's texts: ``{"page.name": ("variant", ...)}``."""

    def __init__(self, locale: str, entries: dict[str, tuple[str, ...]]) -> None:
        self.locale = locale
        self._entries = entries

    def variants(self, key: str) -> tuple[str, ...]:
        """Every wording of ``key``, the fixture site's first."""
        try:
            return self._entries[key]
        except KeyError:
            raise UnknownText(
                f"no text {key!r} in locale {self.locale!r} "
                f"(site.toml has: {', '.join(sorted(self._entries))})"
            ) from None

    def first(self, key: str) -> str:
        return self.variants(key)[0]

    def exact(self, key: str) -> re.Pattern[str]:
        """Matches a whole accessible name or text equal to one variant (spaces trimmed)."""
        return _pattern(self.variants(key), whole=True)

    def starts(self, key: str) -> re.Pattern[str]:
        """Matches text that begins with one variant (notices, labels followed by a value)."""
        return _pattern(self.variants(key), whole=False)

    def anywhere(self, key: str) -> re.Pattern[str]:
        """Matches text that contains one variant anywhere."""
        return re.compile("|".join(_escape(v) for v in self.variants(key)))

    def label_value(self, key: str, text: str) -> str | None:
        """The value after a label such as "Order ID:" in ``text``, if any."""
        labels = "|".join(re.escape(v) for v in sorted(self.variants(key), key=len, reverse=True))
        # The label starts a line or follows a separator ("Order ID: 1 · Sold by: X"); the
        # value runs to the end of the line or the next separator.
        match = re.search(rf"(?:^|[\s·|])(?:{labels})[ \t]*([^\n·|]+?)[ \t]*(?:$|[·|])", text,
                          re.MULTILINE)
        return match.group(1) if match else None

    def which(self, prefix: str, text: str) -> str | None:
        """The key under ``prefix`` (e.g. "status") whose variant equals a line of ``text``."""
        lines = {line.strip() for line in text.splitlines()}
        for key, variants in self._entries.items():
            section, _, name = key.partition(".")
            if section == prefix and lines.intersection(variants):
                return name
        return None


def _escape(text: str) -> str:
    """``re.escape``, and "/" too: Playwright writes a name pattern into its selector as
    ``/…/``, where a bare slash ("Returns/refunds") ends the expression."""
    return re.escape(text).replace("/", r"\/")


def _pattern(variants: tuple[str, ...], *, whole: bool) -> re.Pattern[str]:
    alternatives = "|".join(_escape(v) for v in variants)
    return re.compile(rf"^\s*(?:{alternatives})\s*$" if whole else rf"^\s*(?:{alternatives})")


@cache
def load_texts(locale: str = "en") -> Texts:
    """Read and check ``locales/<locale>/site.toml``; ConfigError if there is none."""
    data = read_locale_file(locale, "site.toml", "site texts")
    return Texts(locale, _flatten(data, "site.toml"))


def _flatten(data: dict[str, object], where: str) -> dict[str, tuple[str, ...]]:
    entries: dict[str, tuple[str, ...]] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [{section}] must be a table of text lists.")
        for name, value in table.items():
            ok = (isinstance(value, list) and value
                  and all(isinstance(v, str) and v.strip() for v in value))
            if not ok:
                raise ConfigError(f"{where}: {section}.{name} must be a non-empty list of "
                                  f"non-empty strings, got: {value!r}")
            entries[f"{section}.{name}"] = tuple(value)
    return entries

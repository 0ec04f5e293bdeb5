"""The shop's texts per locale (assistant/locales/<locale>/site.toml), as data.

Flows never spell a button or a label themselves: they ask ``Texts`` for a key such as
``"cancel.submit"`` and get every variant the real shop uses, as a tuple or as a pattern
for Playwright's ``name=`` / ``has_text=``. An unknown key raises: a typo must fail loudly,
not match nothing.

Where the shop rewords a label now and then, its key also says which words matter
(``words``: each must be found, case-insensitively; ``not_words``: none may be): the order
search is whatever speaks of "order", the cancel control whatever speaks of cancelling. The
patterns then match any such wording, listed or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.errors import ConfigError
from assistant.locales import read_locale_file


class UnknownText(LookupError):
    """A flow asked for a text key the locale file does not have (a bug, not user input)."""


class Texts:
    """One locale's texts: ``{"page.name": ("variant", ...)}``."""

    def __init__(self, locale: str, entries: dict[str, tuple[str, ...]],
                 words: dict[str, Words] | None = None) -> None:
        self.locale = locale
        self._entries = entries
        self._words = words or {}

    def variants(self, key: str) -> tuple[str, ...]:
        """Every wording of ``key``, the fixture site's first."""
        try:
            return self._entries[key]
        except KeyError:
            raise UnknownText(
                f"no text {key!r} in locale {self.locale!r} "
                f"(site.toml has: {', '.join(sorted(self._entries))})"
            ) from None

    def names(self) -> tuple[str, ...]:
        """Every key, in the file's order."""
        return tuple(self._entries)

    def described(self, key: str) -> str:
        """The wordings of ``key`` and its words, for a message that says what was tried."""
        listed = ", ".join(f'"{v}"' for v in self.variants(key))
        words = self._words.get(key)
        if words is None:
            return listed
        spoken = " and ".join(f"/{w}/" for w in words.each)
        return f"{listed}, or any name speaking {spoken}"

    def first(self, key: str) -> str:
        return self.variants(key)[0]

    def exact(self, key: str) -> re.Pattern[str]:
        """Matches a whole accessible name or text equal to one variant (spaces trimmed), or
        one that speaks the key's words."""
        return self._or_words(key, _pattern(self.variants(key), whole=True))

    def starts(self, key: str) -> re.Pattern[str]:
        """Matches text that begins with one variant (notices, labels followed by a value),
        or that speaks the key's words."""
        return self._or_words(key, _pattern(self.variants(key), whole=False))

    def anywhere(self, key: str) -> re.Pattern[str]:
        """Matches text that contains one variant anywhere, or speaks the key's words."""
        return self._or_words(key, re.compile("|".join(_escape(v) for v in self.variants(key))))

    def _or_words(self, key: str, literal: re.Pattern[str]) -> re.Pattern[str]:
        words = self._words.get(key)
        if words is None:
            return literal
        # Lookaheads from the start: each word anywhere, in any order; JavaScript (where
        # Playwright tests a name) reads them as Python does. [\s\S]: any character.
        spoken = "".join(f"(?![\\s\\S]*?(?:{w}))" for w in words.none) + "".join(
            f"(?=[\\s\\S]*?(?:{w}))" for w in words.each)
        return re.compile(f"{literal.pattern}|^{spoken}", re.IGNORECASE)

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


@dataclass(frozen=True)
class Words:
    """The words that matter in a key's wordings: each of ``each``, none of ``none``
    (regular expressions, case-insensitive)."""

    each: tuple[str, ...]
    none: tuple[str, ...] = ()


@cache
def load_texts(locale: str = "en") -> Texts:
    """Read and check ``locales/<locale>/site.toml``; ConfigError if there is none."""
    data = read_locale_file(locale, "site.toml", "site texts")
    entries: dict[str, tuple[str, ...]] = {}
    words: dict[str, Words] = {}
    for key, value in _flatten(data, "site.toml"):
        if isinstance(value, dict):
            entries[key] = _texts(f"{key}.texts", value.get("texts"))
            words[key] = _words(key, value)
        else:
            entries[key] = _texts(key, value)
    return Texts(locale, entries, words)


def _flatten(data: dict[str, object], where: str) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [{section}] must be a table of text lists.")
        found += [(f"{section}.{name}", value) for name, value in table.items()]
    return found


def _texts(key: str, value: object) -> tuple[str, ...]:
    if not (isinstance(value, list) and value
            and all(isinstance(v, str) and v.strip() for v in value)):
        raise ConfigError(f"site.toml: {key} must be a non-empty list of non-empty strings, "
                          f"got: {value!r}")
    return tuple(value)


def _words(key: str, table: dict[str, object]) -> Words:
    unknown = set(table) - {"texts", "words", "not_words"}
    if unknown:
        raise ConfigError(f"site.toml: {key} has unknown fields: {', '.join(sorted(unknown))} "
                          "(known: texts, words, not_words)")
    each = _texts(f"{key}.words", table.get("words"))
    none = _texts(f"{key}.not_words", table["not_words"]) if "not_words" in table else ()
    for word in each + none:
        try:
            re.compile(word)
        except re.error as exc:
            raise ConfigError(f"site.toml: {key}: {word!r} is no regular expression: {exc}"
                              ) from None
        if re.search(r"(?<!\\)/", word):  # Playwright's name selector ends at a bare "/"
            raise ConfigError(f"site.toml: {key}: write \"/\" as \"\\/\" in {word!r}")
    return Words(each, none)

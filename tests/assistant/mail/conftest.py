"""Mail tests: the private Dovecot (tests/support/dovecot.py) and the shop's own outbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.secrets import store_password
from assistant.settings import Settings, load_settings
from fixture_shop import dkim
from fixture_shop.outbox import render
from tests.support.dovecot import Dovecot

from .mail_support import shop_mail


@pytest.fixture(autouse=True)
def shop_dkim_keys(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture shop's DKIM key as ASSISTANT_DKIM_KEYS: its signed mail is checked for
    real, offline."""
    monkeypatch.setenv("ASSISTANT_DKIM_KEYS", str(dkim.keys_file()))
    return dkim.keys_file()


@pytest.fixture(scope="session")
def plain_dovecot() -> Iterator[Dovecot]:
    """A second private Dovecot without TLS at all (no STARTTLS offered)."""
    server = Dovecot.start(tls=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def shop_bytes() -> Callable[..., bytes]:
    """The raw RFC 5322 bytes of a shop mail: ``shop_bytes(kind, order, **context)``."""
    def make(kind: str, order: str | None = "8190000000000001", **context: Any) -> bytes:
        return render(shop_mail(kind, order, **context)).as_bytes()
    return make


@pytest.fixture
def use_mailbox(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Settings]:
    """Point ASSISTANT_MAIL (and the CA file, and the keyring) at a mailbox; the settings."""
    def configure(url: str, *, password: str | None = None,
                  ca_file: Path | None = None) -> Settings:
        monkeypatch.setenv("ASSISTANT_MAIL", url)
        if ca_file is not None:
            monkeypatch.setenv("ASSISTANT_MAIL_CA_FILE", str(ca_file))
        else:
            monkeypatch.delenv("ASSISTANT_MAIL_CA_FILE", raising=False)
        settings = load_settings()
        if password is not None:
            store_password(settings, "mail", password)
        return settings
    return configure

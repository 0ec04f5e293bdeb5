"""Only an authentic mail moves a case: DKIM of the shop's domain, or the shopper's own
provider's Authentication-Results. Forgeries (the exact From with failing DKIM, look-alike
domains, another domain's valid signature, a body changed after signing, a claim in a hidden
block) change nothing but a page check, and are counted as inauthentic."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dkim as dkimpy
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from assistant.mail.authenticity import TrustPolicy, read_keys_file
from assistant.settings import Settings
from assistant.store import CaseStore
from fixture_shop import dkim
from fixture_shop.outbox import open_outbox, render
from tests.support.cli import run_assistant
from tests.support.dovecot import Dovecot, Mailbox

from .mail_support import open_case, shop_mail
from .real_corpus import RELAY, SHOP, shaped

N1, N2 = "8190000000000201", "8190000000000202"
CANCELLED = f"Your order {N1} has been cancelled"


class Signer:
    """A DKIM key of any domain, published in a TXT record file beside the shop's."""

    def __init__(self, domain: str, selector: str = "s1") -> None:
        self.domain, self.selector = domain, selector
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.private = key.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.TraditionalOpenSSL,
                                         serialization.NoEncryption())
        public = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.record = (f'{selector}._domainkey.{domain} TXT "v=DKIM1; k=rsa; " '
                       f'"p={base64.b64encode(public).decode()}"')

    def sign(self, raw: bytes, *, length: bool = False) -> bytes:
        data = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        return bytes(dkimpy.sign(data, self.selector.encode(), self.domain.encode(),
                                 self.private, canonicalize=(b"relaxed", b"relaxed"),
                                 length=length)) + data


@pytest.fixture(scope="module")
def signers() -> dict[str, Signer]:
    return {name: Signer(name) for name in ("evil.test", "aliexpress.com.evil.test",
                                            "notice-aliexpress.com", "aliexpress.com",
                                            "forwarder.test")}


@pytest.fixture
def keys_file(tmp_path: Path, signers: dict[str, Signer],
              monkeypatch: pytest.MonkeyPatch) -> Path:
    """ASSISTANT_DKIM_KEYS with the shop's key and the others'."""
    path = tmp_path / "keys.txt"
    path.write_text(dkim.keys_file().read_text() + "\n".join(
        s.record for s in signers.values()) + "\n")
    monkeypatch.setenv("ASSISTANT_DKIM_KEYS", str(path))
    return path


def _cancelled(sender: str = SHOP, *, html: str | None = None) -> bytes:
    return shaped(sender, CANCELLED, html=html or f"<p>{CANCELLED}.</p>")


def _with(header: str, raw: bytes) -> bytes:
    return header.encode() + b"\n" + raw


def _forgeries(signers: dict[str, Signer]) -> dict[str, bytes]:
    genuine = render(shop_mail("cancel_approved", N1)).as_bytes()
    weekly = ('<p>This week\'s picks for you!</p>'
              f'<div style="display:none">{CANCELLED}. Your cancellation request has been '
              'approved.</div>')
    return {
        "exact From, failing Authentication-Results of the provider": _with(
            "Authentication-Results: mx.google.com; dkim=fail header.i=@notice.aliexpress.com;"
            " spf=fail smtp.mailfrom=notice.aliexpress.com; dmarc=fail header.from="
            "notice.aliexpress.com", _cancelled()),
        "exact From, no signature at all": _cancelled(),
        "exact From, a passing Authentication-Results of an authserv-id not the provider's":
            _with("Authentication-Results: mx.forger.test; dkim=pass "
                  "header.d=aliexpress.com", _cancelled()),
        "provider says fail on top, a forged pass of the same id below": _with(
            "Authentication-Results: mx.google.com; dkim=fail header.d=aliexpress.com",
            _with("Authentication-Results: mx.google.com; dkim=pass header.d=aliexpress.com",
                  _cancelled())),
        "provider's pass for a look-alike domain": _with(
            "Authentication-Results: mx.google.com; dkim=pass "
            "header.d=aliexpress.com.evil.test", _cancelled()),
        "provider's pass for another domain (comment names the shop)": _with(
            "Authentication-Results: mx.google.com; dkim=pass (header.d=aliexpress.com) "
            "header.d=evil.test", _cancelled()),
        "valid signature of another domain": signers["evil.test"].sign(_cancelled()),
        "valid signature of a look-alike domain": signers[
            "aliexpress.com.evil.test"].sign(_cancelled()),
        "valid signature of notice-aliexpress.com": signers[
            "notice-aliexpress.com"].sign(_cancelled()),
        "the shop's signature, body changed after signing": _tamper(genuine),
        "a signature of part of the body (l=), text added below": signers[
            "aliexpress.com"].sign(_cancelled(), length=True) + b"\n<p>appended</p>\n",
        "the shop's signature moved onto another mail": _moved_signature(genuine),
        "relay sender, provider's pass for another domain": _with(
            "Authentication-Results: mx.google.com; dkim=pass header.d=evil.test",
            _cancelled(RELAY)),
        "claim in a hidden block of a weekly picks mail": shaped(
            SHOP, "Weekly picks for you", html=weekly),
    }


def _tamper(raw: bytes) -> bytes:
    """The genuine mail with its body changed after signing (a word in the text part)."""
    head, _, body = raw.partition(b"\n\n")
    assert b"cancel" in body
    return head + b"\n\n" + body.replace(b"cancel", b"CANCEL", 1)


def _moved_signature(genuine: bytes) -> bytes:
    """The genuine DKIM-Signature header put on top of a forged mail."""
    header = genuine.split(b"\nFrom:", 1)[0]
    assert header.startswith(b"DKIM-Signature:")
    return header + b"\n" + _cancelled()


def test_each_forgery_is_inauthentic_and_the_shops_signed_mail_is_authentic(
    keys_file: Path, signers: dict[str, Signer]
) -> None:
    policy = TrustPolicy(keys=read_keys_file(keys_file))
    for name, raw in _forgeries(signers).items():
        sender = RELAY if "relay" in name else SHOP
        verdict = policy.check(raw, [sender])
        assert not verdict.authentic, (name, verdict.why)
    # the shop's own mail of every kind, signed by the fixture shop, is authentic
    for kind in ("cancel_approved", "cancel_declined", "seller_contact", "order_closed"):
        raw = render(shop_mail(kind, N1)).as_bytes()
        assert policy.check(raw, [SHOP]).authentic, kind
    # and with CRLF line ends, as IMAP hands it out
    raw = render(shop_mail("cancel_approved", N1)).as_bytes().replace(b"\n", b"\r\n")
    assert policy.check(raw, [SHOP]).authentic


@pytest.mark.parametrize(("header", "sender"), [
    ("mx.google.com; dkim=pass header.i=@notice.aliexpress.com; spf=pass", SHOP),
    ("mx.google.com 1; spf=pass smtp.mailfrom=x; dkim=pass (2048-bit key) "
     "header.d=aliexpress.com header.s=s1", SHOP),
    ("atlas-production.v2.mail.yahoo.com; dkim=pass header.d=notice.aliexpress.com", SHOP),
    ("dkim-verifier.icloud.com; dkim=pass header.d=privaterelay.appleid.com", RELAY),
])
def test_the_providers_passing_authentication_results_is_authentic(
    header: str, sender: str
) -> None:
    # (no signature at all: the provider's word counts; it is the topmost header of its id)
    raw = _with(f"Authentication-Results: {header}",
                _with("Authentication-Results: mx.google.com; dkim=fail", _cancelled(sender)))
    assert TrustPolicy(keys={}).check(raw, [sender]).authentic


def test_a_forwarding_address_may_sign_with_its_own_domain(
    keys_file: Path, signers: dict[str, Signer]
) -> None:
    # GIVEN a mail from an ASSISTANT_MAIL_SENDERS address, signed by that address's domain
    forwarder = "shop-mail@forwarder.test"
    raw = signers["forwarder.test"].sign(_cancelled(forwarder))
    keys = read_keys_file(keys_file)
    # THEN it is authentic from a forwarder the shopper named, and from no one else
    assert TrustPolicy(keys=keys, forwarders=frozenset({forwarder})).check(
        raw, [forwarder]).authentic
    assert not TrustPolicy(keys=keys).check(raw, [forwarder]).authentic


def test_authserv_id_none_trusts_no_authentication_results() -> None:
    raw = _with("Authentication-Results: mx.google.com; dkim=pass header.d=aliexpress.com",
                _cancelled())
    assert TrustPolicy(keys={}).check(raw, [SHOP]).authentic
    assert not TrustPolicy(keys={}, authserv_ids=()).check(raw, [SHOP]).authentic


def _submitted(store: CaseStore, order: str) -> None:
    case = open_case(store, order)
    case.next_check = datetime.now(UTC) + timedelta(days=1)
    store.save(case)


def _assert_only_page_checks(settings: Settings, orders: list[str]) -> None:
    with CaseStore.open(settings.db_path) as store:
        for order in orders:
            case = store.get(order)
            assert case is not None and str(case.state) == "submitted", order
            assert case.next_check is not None
            assert case.next_check <= datetime.now(UTC) + timedelta(minutes=1), order


def test_poll_over_a_maildir_of_forgeries_moves_no_case_and_counts_them(
    tmp_path: Path, use_mailbox: Callable[..., Settings], keys_file: Path,
    signers: dict[str, Signer]
) -> None:
    # GIVEN two submitted cases, every forgery of a "cancelled" mail about the first, and the
    # shop's own signed "cancelled" mail about the second
    maildir = tmp_path / "Mail"
    outbox = open_outbox(f"maildir:{maildir}")
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        _submitted(store, N1)
        _submitted(store, N2)
    forgeries = _forgeries(signers)
    for number, raw in enumerate(forgeries.values()):
        (maildir / "new" / f"forged-{number}").write_bytes(raw)
    outbox.send(shop_mail("cancel_approved", N2))
    # WHEN `assistant poll --json` runs
    result = run_assistant("poll", "--json")
    # THEN every forgery is counted as inauthentic, and none moved the first case: it only
    # has its order page due for a look
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["inauthentic"] == len(forgeries)
    _assert_only_page_checks(settings, [N1])
    forged = [c for c in report["changes"] if c["order"] == N1]
    assert forged and all(not c["authentic"] and c["state"] == "submitted" for c in forged)
    # AND the shop's signed mail moved the second case as before
    assert [(c["state_before"], c["state"], c["authentic"]) for c in report["changes"]
            if c["order"] == N2] == [("submitted", "cancelled", True)]
    # AND the log file names each forgery on one line, and the text output says so too
    log = settings.log_path.read_text(encoding="utf-8")
    assert log.count("is not authentic") == len(forgeries)


def test_the_forgeries_say_so_on_the_terminal(
    tmp_path: Path, use_mailbox: Callable[..., Settings]
) -> None:
    # GIVEN a submitted case and a forged "cancelled" mail about it
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        _submitted(store, N1)
    (maildir / "new" / "forged").write_bytes(_cancelled())
    # WHEN `assistant poll` runs THEN it says the mail was not the shop's, and moved nothing
    result = run_assistant("poll")
    assert result.returncode == 0, result.stderr
    assert (f"Order {N1}: a mail not verified as the shop's said \"The shop approved the "
            "cancellation\"; the order page will be checked (still submitted).") in result.stdout
    assert "1 mail(s) with the shop's sender address could not be verified" in result.stdout


def test_trust_any_lets_every_mail_from_the_senders_move_a_case(
    tmp_path: Path, use_mailbox: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a Maildir the shopper fills themself, and ASSISTANT_MAIL_TRUST=any
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    monkeypatch.setenv("ASSISTANT_MAIL_TRUST", "any")
    settings = use_mailbox(f"maildir:{maildir}")
    with CaseStore.open(settings.db_path) as store:
        _submitted(store, N1)
    (maildir / "new" / "unsigned").write_bytes(_cancelled())
    # WHEN it is polled THEN the unsigned mail moved the case
    result = run_assistant("poll", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["inauthentic"] == 0
    assert [c["state"] for c in report["changes"]] == ["cancelled"]


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ASSISTANT_MAIL_TRUST", "everything", "ASSISTANT_MAIL_TRUST"),
    ("ASSISTANT_MAIL_AUTHSERV_ID", "mx.google.com, not a host!", "ASSISTANT_MAIL_AUTHSERV_ID"),
    ("ASSISTANT_DKIM_KEYS", "/nonexistent/keys.txt", "ASSISTANT_DKIM_KEYS"),
])
def test_a_bad_trust_setting_is_exit_2_naming_it(
    name: str, value: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{maildir}")
    monkeypatch.setenv(name, value)
    result = run_assistant("poll")
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_a_keys_file_line_that_is_no_txt_record_is_exit_2_naming_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maildir = tmp_path / "Mail"
    open_outbox(f"maildir:{maildir}")
    keys = tmp_path / "keys.txt"
    keys.write_text("# keys\nfixture._domainkey.notice.aliexpress.com A 127.0.0.1\n")
    monkeypatch.setenv("ASSISTANT_MAIL", f"maildir:{maildir}")
    monkeypatch.setenv("ASSISTANT_DKIM_KEYS", str(keys))
    result = run_assistant("poll")
    assert result.returncode == 2
    assert "ASSISTANT_DKIM_KEYS" in result.stderr and "line 2" in result.stderr


@pytest.mark.imap
def test_over_imap_a_forgery_is_counted_and_the_signed_mail_moves_its_case(
    mailbox: Mailbox, dovecot: Dovecot, use_mailbox: Callable[..., Settings],
    keys_file: Path, signers: dict[str, Signer]
) -> None:
    # GIVEN two submitted cases; a forged "cancelled" mail (exact From, failing DKIM results)
    # and one validly signed by another domain about the first, the shop's own about the second
    settings = use_mailbox(mailbox.url("imaps"), password=mailbox.password,
                           ca_file=dovecot.ca_file)
    with CaseStore.open(settings.db_path) as store:
        _submitted(store, N1)
        _submitted(store, N2)
    forgeries = _forgeries(signers)
    mailbox.drop(forgeries["exact From, failing Authentication-Results of the provider"])
    mailbox.drop(forgeries["valid signature of another domain"])
    mailbox.append(render(shop_mail("cancel_approved", N2)).as_bytes())
    # WHEN `assistant poll --json` runs
    result = run_assistant("poll", "--json")
    # THEN the forgeries are counted and only ask for a page check; the shop's mail applied
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["inauthentic"] == 2
    _assert_only_page_checks(settings, [N1])
    assert [(c["order"], c["state"]) for c in report["changes"] if c["authentic"]] == [
        (N2, "cancelled")]
    assert report["imap_commands"] == 6  # CAPABILITY LOGIN EXAMINE SEARCH FETCH LOGOUT
    # AND a second poll with nothing new costs no more (no check per old message)
    again = json.loads(run_assistant("poll", "--json").stdout)
    assert again["inauthentic"] == 0 and again["imap_commands"] == 4

"""A private Dovecot on loopback for mailbox tests: IMAPS (self-signed) and IMAP with STARTTLS.

Use it as a pytest plugin (``pytest_plugins = ["tests.support.dovecot"]`` in tests/conftest.py, or
import the fixtures into an area's conftest). ``dovecot`` is one server per session;
``mailbox`` is a fresh mail user per test, so tests never see each other's mail.

Why it looks like this:
- base dir under /tmp/dvt-XXXX with every parent 0755: Dovecot's auth and mail processes run as
  other users (``nobody``, ``dovenull``) and cannot enter pytest's 0700 tmp_path; and the path is
  short because unix socket paths under base_dir are limited to ~100 bytes.
- readiness is a real LOGIN, not a port probe: the listener opens before auth is up.
- when root, mail is stored as ``nobody``; otherwise everything runs as the current user.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _self_signed_cert(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    key.chmod(0o600)
    return cert, key


@dataclass(frozen=True)
class Mailbox:
    """One mail user on the server, with its Maildir on disk."""

    server: Dovecot
    user: str
    password: str

    @property
    def maildir(self) -> Path:
        return self.server.home / self.user / "Maildir"

    def url(self, scheme: str = "imaps", folder: str = "INBOX") -> str:
        """ASSISTANT_MAIL for this mailbox (no password: the assistant reads the keyring)."""
        port = self.server.imaps_port if scheme == "imaps" else self.server.imap_port
        return f"{scheme}://{self.user}@{HOST}:{port}/{folder}"

    def outbox_url(self, scheme: str = "imaps", folder: str = "INBOX") -> str:
        """The fixture shop's --mail URL (a test tool: it carries the password)."""
        port = self.server.imaps_port if scheme == "imaps" else self.server.imap_port
        return f"{scheme}://{self.user}:{self.password}@{HOST}:{port}/{folder}"

    def drop(self, raw: bytes, *, name: str | None = None) -> Path:
        """Deliver ``raw`` the way an MDA does: a file written to tmp/, renamed into new/."""
        name = name or f"{time.time_ns()}.{secrets.token_hex(6)}.dvt"
        tmp, new = self.maildir / "tmp" / name, self.maildir / "new" / name
        tmp.write_bytes(raw)
        self.server.give(tmp)
        tmp.rename(new)
        return new

    def imap(self) -> imaplib.IMAP4_SSL:
        """A logged-in IMAPS connection (certificate checked against the test CA)."""
        context = ssl.create_default_context(cafile=str(self.server.ca_file))
        conn = imaplib.IMAP4_SSL(HOST, self.server.imaps_port, ssl_context=context, timeout=30)
        conn.login(self.user, self.password)
        return conn

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        conn = self.imap()
        try:
            status, detail = conn.append(folder, "", None, raw)
            assert status == "OK", detail
        finally:
            conn.logout()

    def reset_uids(self) -> None:
        """Make the server give INBOX a new UIDVALIDITY, as after a server-side rebuild.

        Dovecot derives UIDVALIDITY from the clock in seconds: wait for the next second, then
        drop its UID list and indexes (the messages stay).
        """
        time.sleep(1.05 - time.time() % 1)
        for path in self.maildir.iterdir():
            if path.name.startswith("dovecot"):
                path.unlink()

    def unseen_count(self, folder: str = "INBOX") -> int:
        """How many messages have no \\Seen flag (to prove the assistant never marks read)."""
        conn = self.imap()
        try:
            conn.select(folder, readonly=True)
            _, data = conn.uid("SEARCH", "UNSEEN")
            return len(data[0].split())
        finally:
            conn.logout()


class Dovecot:
    """A running private Dovecot. Start with ``Dovecot.start()``, end with ``stop()``."""

    def __init__(self, base: Path, *, tls: bool = True) -> None:
        self.base = base
        self.tls = tls
        self.home = base / "home"
        self.passwd = base / "passwd"
        self.log = base / "dovecot.log"
        self.imap_port = _free_port()
        self.imaps_port = _free_port()
        self.ca_file = base / "cert.pem"
        self._as_root = os.geteuid() == 0
        self._mail_uid = 65534 if self._as_root else os.getuid()
        self._mail_gid = 65534 if self._as_root else os.getgid()
        self._process: subprocess.Popen[bytes] | None = None
        self._pool: dict[str, list[Mailbox]] = {}

    # -- life cycle ----------------------------------------------------------------------------
    @classmethod
    def start(cls, *, tls: bool = True) -> Dovecot:
        base = Path(tempfile.mkdtemp(prefix="dvt-", dir="/tmp"))
        base.chmod(0o755)
        server = cls(base, tls=tls)
        server._configure()
        probe = server.new_mailbox("probe")
        with (base / "stderr.log").open("wb") as stderr:
            server._process = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(base / "dovecot.conf")],
                stdout=subprocess.DEVNULL, stderr=stderr,
            )
        server._wait_ready(probe)
        return server

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        shutil.rmtree(self.base, ignore_errors=True)

    def _wait_ready(self, probe: Mailbox, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                break
            try:
                conn = imaplib.IMAP4(HOST, self.imap_port, timeout=5)
                conn.login(probe.user, probe.password)  # plain LOGIN is fine on loopback
                conn.logout()
                return
            except (OSError, imaplib.IMAP4.error) as exc:
                last = exc
                time.sleep(0.1)
        raise RuntimeError(
            f"Dovecot did not accept a LOGIN within {timeout} s ({last!r}).\n"
            + self._logs()
        )

    def _logs(self) -> str:
        parts = []
        for name in ("stderr.log", "dovecot.log"):
            with contextlib.suppress(OSError):
                text = (self.base / name).read_text(errors="replace")
                parts.append(f"--- {name}\n{text[-4000:]}")
        return "\n".join(parts)

    # -- users and files -----------------------------------------------------------------------
    def give(self, path: Path) -> None:
        """Hand a file or folder to the mail user (Dovecot writes its indexes next to the mail)."""
        if self._as_root:
            os.chown(path, self._mail_uid, self._mail_gid)

    def new_mailbox(self, prefix: str = "shopper") -> Mailbox:
        """A fresh user with an empty INBOX."""
        if not self._pool.get(prefix):
            self._provision(prefix, 1 if self._process is None else 12)
        return self._pool[prefix].pop()

    def _provision(self, prefix: str, count: int) -> None:
        boxes = []
        with self.passwd.open("a") as fh:
            for _ in range(count):
                user = f"{prefix}{secrets.token_hex(4)}"
                password = secrets.token_urlsafe(12)
                home = self.home / user
                for path in (home, home / "Maildir",
                             *(home / "Maildir" / sub for sub in ("cur", "new", "tmp"))):
                    path.mkdir(mode=0o755)
                    self.give(path)
                fh.write(f"{user}:{{PLAIN}}{password}:{self._mail_uid}:{self._mail_gid}::{home}::\n")
                boxes.append(Mailbox(self, user, password))
        # Dovecot re-reads passwd-file at most once per second of its clock, so a user added in
        # second S can log in from second S+1 on. Probing with LOGIN instead would fail, and each
        # failure from 127.0.0.1 earns the whole suite an auth penalty of seconds.
        if self._process is not None:
            time.sleep(1.05 - time.time() % 1)
        self._pool.setdefault(prefix, []).extend(boxes)

    def _configure(self) -> None:
        for sub in ("run", "state", "home"):
            (self.base / sub).mkdir(mode=0o755)
        self.passwd.touch(mode=0o644)
        if self.tls:
            _self_signed_cert(self.base)
        login_user = "dovenull" if self._as_root else _current_user()
        internal_user = "dovecot" if self._as_root else _current_user()
        ssl_lines = (
            f"ssl = yes\nssl_cert = <{self.base / 'cert.pem'}\nssl_key = <{self.base / 'key.pem'}\n"
            if self.tls else "ssl = no\n"
        )
        imaps_listener = (
            f"  inet_listener imaps {{\n    address = {HOST}\n    port = {self.imaps_port}\n"
            "    ssl = yes\n  }\n" if self.tls else ""
        )
        chroot = "" if self._as_root else "  chroot =\n"
        (self.base / "dovecot.conf").write_text(f"""\
# Written by tests/support/dovecot.py: a private test server, loopback only.
instance_name = {self.base.name}
base_dir = {self.base / 'run'}
state_dir = {self.base / 'state'}
log_path = {self.log}
protocols = imap
listen = {HOST}
{ssl_lines}disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 0
mail_location = maildir:~/Maildir
mail_privileged_group =
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.passwd}
}}
service imap-login {{
{chroot}  inet_listener imap {{
    address = {HOST}
    port = {self.imap_port}
  }}
{imaps_listener}}}
service anvil {{
{chroot}}}
service pop3-login {{
{chroot}}}
service submission-login {{
{chroot}}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""")


def _current_user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One private Dovecot (IMAPS + STARTTLS) for the whole test session."""
    server = Dovecot.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Mailbox:
    """A fresh, empty mailbox user on the session's Dovecot."""
    return dovecot.new_mailbox()

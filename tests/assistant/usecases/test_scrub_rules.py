"""The scrub rules on their own: each removes what it names and counts it; fake numbers are
the same for the same real number; the leak check finds a secret in any byte and encoding."""

from __future__ import annotations

import base64
import json
import re

from assistant.usecases.scrub_har import scrub_har
from assistant.usecases.scrub_rules import RECORDED_ORIGIN, Scrubber, fake_digits, leaks

EMAIL = "shopper@example.test"
PAGE = f"""<div class="my-account-email">{EMAIL}</div>
<div class="order-detail-address">Jane Doe, 1 Main Street, Springfield</div>
<p>Phone: +1 555-123-4567 · Payment: Visa **** 4242 · mail back: help@seller.example</p>
<input type="hidden" name="_csrf_token" value="s3cr3t-csrf">
<a href="http://127.0.0.1:5000/p/order/detail.html?orderId=8190000000000001&sign=abc123">x</a>
{{"orderId": "8190000000000001", "orderLineId": "8190000000020001", "receiver": "Jane Doe"}}
Tracking: RB123456789CN"""


def test_each_rule_removes_what_it_names_and_counts_it() -> None:
    scrub = Scrubber(secrets={"account e-mail": EMAIL}, origin="http://127.0.0.1:5000")
    out = scrub.text(PAGE)
    for gone in (EMAIL, "Jane Doe", "Main Street", "555-123-4567", "4242", "s3cr3t-csrf",
                 "abc123", "help@seller.example", "8190000000000001", "8190000000020001",
                 "RB123456789CN", "127.0.0.1"):
        assert gone not in out, gone
    assert f"{RECORDED_ORIGIN}/p/order/detail.html?orderId={fake_digits('8190000000000001')}" in out
    counts = scrub.counts
    assert counts["secret: account e-mail"] == 1 and counts["emails"] == 1
    assert counts["names and addresses"] == 2 and counts["phone numbers"] == 1
    assert counts["payment details"] == 1 and counts["tokens"] == 1
    assert counts["signed URL parameters"] == 1 and counts["tracking numbers"] == 1
    assert counts["order and item numbers"] == 3 and counts["origin"] == 1


def test_fake_numbers_are_16_digits_the_same_each_time_and_not_the_real_ones() -> None:
    fakes = {fake_digits(f"81900000000000{n:02d}") for n in range(1, 16)}
    assert len(fakes) == 15 and all(re.fullmatch(r"[1-9]\d{15}", f) for f in fakes)
    assert fake_digits("8190000000000001") == fake_digits("8190000000000001")
    assert fake_digits("8190000000000001") != "8190000000000001"
    assert Scrubber().text("8190000000000001 x 8190000000000001").split(" x ") == [
        fake_digits("8190000000000001")] * 2


def test_the_har_loses_cookies_auth_headers_and_binary_bodies() -> None:
    har = {"log": {"pages": [], "entries": [{
        "request": {"method": "GET", "url": "http://127.0.0.1:5000/?token=t0k3n-value",
                    "headers": [{"name": "Cookie", "value": "xman_t=abcdefabcdef"},
                                {"name": "Authorization", "value": "Bearer zzz"},
                                {"name": "Accept", "value": "text/html"}],
                    "cookies": [{"name": "xman_t", "value": "abcdefabcdef"}]},
        "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "a=b"}],
                     "cookies": [{"name": "a", "value": "b"}],
                     "content": {"mimeType": "image/png", "encoding": "base64",
                                 "text": base64.b64encode(EMAIL.encode()).decode()}}}]}}
    scrub = Scrubber(origin="http://127.0.0.1:5000")
    out = json.dumps(scrub_har(har, scrub))
    for gone in ("abcdefabcdef", "Bearer", "a=b", "t0k3n-value",
                 base64.b64encode(EMAIL.encode()).decode()):
        assert gone not in out
    assert '"Accept"' in out
    assert scrub.counts["cookies and auth headers"] == 5
    assert scrub.counts["binary bodies dropped"] == 1


def test_a_secret_is_found_in_any_file_in_any_encoding() -> None:
    secrets = {"account e-mail": EMAIL, "site password": "vR7q-Lm2x!Tz9pKe"}
    body = base64.b64encode(f"hello {EMAIL}".encode()).decode()
    files = {
        "clean.html": b"<p>nothing here</p>",
        "upper.html": EMAIL.upper().encode(),
        "url.har": b"GET /?u=shopper%40example.test",
        "json.har": json.dumps({"text": body, "encoding": "base64"}).encode(),
        "pw.json": json.dumps({"p": "vR7q-Lm2x!Tz9pKe"}).encode(),
    }
    assert sorted(leaks(files, secrets)) == [
        "json.har: account e-mail", "pw.json: site password", "upper.html: account e-mail",
        "url.har: account e-mail"]

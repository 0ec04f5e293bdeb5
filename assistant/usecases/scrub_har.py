"""A HAR file through the scrub rules: every URL, header, cookie and text body.

Besides the rules, the HAR loses what makes two recordings of the same pages differ (times,
the server's address, the order in which parallel requests finished: the entries are sorted
by page, then address, keeping repeated requests in their order), so that recording
unchanged pages again gives the same file. Binary bodies (images, fonts) are dropped: an
image may show a person (an avatar), and the flows never read one.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from assistant.usecases.scrub_rules import Scrubber

TEXT_TYPES = ("text/", "json", "javascript", "xml", "x-www-form-urlencoded", "svg")
FIXED_TIME = "2000-01-01T00:00:00.000Z"
DROPPED_HEADERS = frozenset({"date", "content-length", "content-encoding", "transfer-encoding",
                             "keep-alive", "connection", "expires", "last-modified", "etag"})


def scrub_har(doc: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    """The scrubbed copy of a HAR document (``{"log": {...}}``)."""
    log = doc.get("log") or {}
    # Playwright names the tabs by random ids: here they are numbered in their order
    ids = {str(p.get("id")): f"page_{n + 1}" for n, p in enumerate(log.get("pages", []))}
    entries = sorted((_entry(e, scrub, ids) for e in log.get("entries", [])),
                     key=lambda e: (str(e["pageref"]), e["request"]["url"],
                                    e["request"]["method"]))
    pages = [{"id": ids[str(p.get("id"))], "title": scrub.text(str(p.get("title", ""))),
              "startedDateTime": FIXED_TIME, "pageTimings": {}}
             for p in log.get("pages", [])]
    return {"log": {"version": log.get("version", "1.2"),
                    "creator": {"name": "aliexpress-assistant record", "version": "1"},
                    "pages": pages, "entries": entries}}


def _entry(entry: dict[str, Any], scrub: Scrubber, ids: dict[str, str]) -> dict[str, Any]:
    request, response = entry.get("request") or {}, entry.get("response") or {}
    kept_request: dict[str, Any] = {
        "method": request.get("method", "GET"), "url": scrub.text(str(request.get("url", ""))),
        "httpVersion": request.get("httpVersion", "HTTP/1.1"),
        "headers": _headers(request.get("headers", []), scrub), "cookies": [],
        "queryString": [{"name": scrub.text(str(q.get("name", ""))),
                         "value": scrub.text(str(q.get("value", "")))}
                        for q in request.get("queryString", [])],
        "headersSize": -1, "bodySize": -1}
    scrub.counts["cookies and auth headers"] += len(request.get("cookies", []))
    post = request.get("postData")
    if post:
        kept_request["postData"] = {"mimeType": post.get("mimeType", ""),
                                    "text": scrub.text(str(post.get("text", "")))}
    scrub.counts["cookies and auth headers"] += len(response.get("cookies", []))
    kept_response = {
        "status": response.get("status", 0), "statusText": response.get("statusText", ""),
        "httpVersion": response.get("httpVersion", "HTTP/1.1"),
        "headers": _headers(response.get("headers", []), scrub), "cookies": [],
        "content": _content(response.get("content") or {}, scrub),
        "redirectURL": scrub.text(str(response.get("redirectURL", ""))),
        "headersSize": -1, "bodySize": -1}
    return {"pageref": ids.get(str(entry.get("pageref")), ""),
            "startedDateTime": FIXED_TIME, "time": 0,
            "request": kept_request, "response": kept_response, "cache": {},
            "timings": {"send": 0, "wait": 0, "receive": 0}}


def _headers(headers: list[dict[str, Any]], scrub: Scrubber) -> list[dict[str, str]]:
    kept = []
    for header in headers:
        name = str(header.get("name", ""))
        if name.lower() in DROPPED_HEADERS or not scrub.header_kept(name):
            continue
        kept.append({"name": name, "value": scrub.text(str(header.get("value", "")))})
    return kept


def _content(content: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    mime = str(content.get("mimeType", ""))
    text = content.get("text")
    if text is None:
        return {"size": 0, "mimeType": mime}
    if not any(t in mime for t in TEXT_TYPES):
        scrub.counts["binary bodies dropped"] += 1
        return {"size": 0, "mimeType": mime, "text": ""}
    if content.get("encoding") == "base64":
        try:
            text = base64.b64decode(str(text)).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            scrub.counts["binary bodies dropped"] += 1
            return {"size": 0, "mimeType": mime, "text": ""}
    body = scrub.text(str(text))
    return {"size": len(body.encode()), "mimeType": mime, "text": body}

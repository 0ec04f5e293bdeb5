"""Turning a Case into rows and back. Times are UTC text of a fixed width."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from assistant.domain import Case, Event, Request, RequestStatus, ReturnRequest, State

_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


def when(at: datetime | None) -> str | None:
    """Fixed-width UTC text, so that comparing the text compares the times."""
    if at is None:
        return None
    if at.tzinfo is None:
        raise ValueError(f"needs a timezone-aware time, got: {at.isoformat()}")
    return at.astimezone(UTC).strftime(_FORMAT)


def parse(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def load(conn: sqlite3.Connection, order: str) -> Case | None:
    """The case of ``order`` as stored, or None. Call inside a read transaction.

    A row this version cannot read (an unknown state, a time that is not one) raises a
    ValueError naming the order; the store reports it as a damaged database.
    """
    try:
        return _load(conn, order)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"the case of order {order} cannot be read ({exc})") from exc


def _load(conn: sqlite3.Connection, order: str) -> Case | None:
    row = conn.execute(
        "SELECT order_id, state, attempts, failures_in_a_row, next_check, todo, seller, "
        "fulfilled_by_aliexpress, delivered_at, return_by, failed_from, revision "
        "FROM cases WHERE order_id = ?", (order,)).fetchone()
    if row is None:
        return None
    items = [r[0] for r in conn.execute(
        "SELECT item_id FROM case_items WHERE order_id = ? ORDER BY position", (order,))]
    requests = [
        Request(items=tuple(json.loads(r[0])), reason=r[1], surface=r[2], at=_at(r[3]),
                status=RequestStatus(r[4]), submitted_at=parse(r[5]))
        for r in conn.execute(
            "SELECT items, reason, surface, at, status, submitted_at FROM requests "
            "WHERE order_id = ? ORDER BY position", (order,))
    ]
    returns = [
        ReturnRequest(items=tuple(json.loads(r[0])), reason=r[1], at=_at(r[2]))
        for r in conn.execute(
            "SELECT items, reason, at FROM returns WHERE order_id = ? ORDER BY position",
            (order,))
    ]
    events = [
        Event(at=_at(r[0]), kind=r[1], detail=r[2], evidence=r[3])
        for r in conn.execute(
            "SELECT at, kind, detail, evidence FROM events WHERE order_id = ? ORDER BY position",
            (order,))
    ]
    return Case(
        order=row[0], state=State(row[1]), attempts=row[2], failures_in_a_row=row[3],
        next_check=parse(row[4]), todo=row[5], seller=row[6],
        fulfilled_by_aliexpress=None if row[7] is None else bool(row[7]),
        delivered_at=parse(row[8]), return_by=parse(row[9]),
        failed_from=None if row[10] is None else State(row[10]), revision=row[11],
        items=items, requests=requests, returns=returns, events=events,
    )


def store(conn: sqlite3.Connection, case: Case) -> bool:
    """Write ``case`` if the stored revision is still ``case.revision``; False if it is not.

    Call inside a write transaction. Events are append-only: stored ones are never rewritten.
    """
    values = (
        str(case.state), case.attempts, case.failures_in_a_row, when(case.next_check),
        case.todo, case.seller,
        None if case.fulfilled_by_aliexpress is None else int(case.fulfilled_by_aliexpress),
        when(case.delivered_at), when(case.return_by),
        None if case.failed_from is None else str(case.failed_from),
    )
    if case.revision == 0:
        inserted = conn.execute(
            "INSERT OR IGNORE INTO cases (state, attempts, failures_in_a_row, next_check, todo, "
            "seller, fulfilled_by_aliexpress, delivered_at, return_by, failed_from, order_id, "
            "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", (*values, case.order))
        if inserted.rowcount != 1:
            return False  # another run opened this case meanwhile
    else:
        updated = conn.execute(
            "UPDATE cases SET state = ?, attempts = ?, failures_in_a_row = ?, next_check = ?, "
            "todo = ?, seller = ?, fulfilled_by_aliexpress = ?, delivered_at = ?, "
            "return_by = ?, failed_from = ?, revision = revision + 1 "
            "WHERE order_id = ? AND revision = ?", (*values, case.order, case.revision))
        if updated.rowcount != 1:
            return False
    order = case.order
    conn.execute("DELETE FROM case_items WHERE order_id = ?", (order,))
    conn.executemany("INSERT INTO case_items (order_id, position, item_id) VALUES (?, ?, ?)",
                     [(order, n, item) for n, item in enumerate(case.items)])
    conn.execute("DELETE FROM requests WHERE order_id = ?", (order,))
    conn.executemany(
        "INSERT INTO requests (order_id, position, items, reason, surface, at, status, "
        "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(order, n, json.dumps(list(r.items)), r.reason, r.surface, when(r.at), str(r.status),
          when(r.submitted_at)) for n, r in enumerate(case.requests)])
    conn.execute("DELETE FROM returns WHERE order_id = ?", (order,))
    conn.executemany(
        "INSERT INTO returns (order_id, position, items, reason, at) VALUES (?, ?, ?, ?, ?)",
        [(order, n, json.dumps(list(r.items)), r.reason, when(r.at))
         for n, r in enumerate(case.returns)])
    conn.executemany(
        "INSERT OR IGNORE INTO events (order_id, position, at, kind, detail, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(order, n, when(e.at), e.kind, e.detail, e.evidence) for n, e in enumerate(case.events)])
    return True

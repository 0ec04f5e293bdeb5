"""Damaged or unusable files and settings: each is exit 2 with one paragraph naming the file
or setting, what is wrong and what to do; never a traceback (that only with -v, and in the
log file). `assistant doctor` says the same, and `--repair` moves a damaged database aside."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.casebuilder import ORDER, case_in
from tests.support.cli import Ran, run_assistant

STATUS = ("status",)
TICK = ("tick",)
# The browser and the session matter only once a browser is used: a dry run needs them, and
# submits nothing; the shop's address is a closed port, so nothing could be submitted anyway.
DRY_RUN = ("cancel", ORDER, "--dry-run", "--reason", "No longer needed")


@dataclass
class Home:
    root: Path
    data: Path

    @property
    def db(self) -> Path:
        return self.data / "assistant.sqlite3"

    @property
    def session(self) -> Path:
        return self.data / "session" / "storage-state.json"


@pytest.fixture
def home(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    monkeypatch.setenv("ASSISTANT_BASE_URL", "http://127.0.0.1:9")  # nothing listens there
    return Home(isolated_home, isolated_home / "data")


@pytest.fixture
def frozen() -> Iterator[Callable[[Path], None]]:
    """Makes a file or folder unwritable to this user, root included (chattr +i), and
    writable again after the test."""
    done: list[Path] = []

    def freeze(path: Path) -> None:
        if os.geteuid() != 0:
            if path.is_dir():  # its owner may chmod it back: only root can lock it
                pytest.skip("an unwritable folder of one's own needs root (chattr +i)")
            path.chmod(0o400)
            return
        ran = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if ran.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {ran.stderr!r}")
        done.append(path)

    yield freeze
    for path in done:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def a_database_with_a_case(home: Home) -> Path:
    with CaseStore.open(home.db) as store:
        case = case_in(State.SUBMITTED)
        for n in range(300):  # enough pages that half the file misses some
            case.checked(case.events[-1].at, detail=f"still waiting, check {n} " + "x" * 200,
                         next_check=case.next_check)
        store.save(case)
    with sqlite3.connect(home.db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return home.db


def sql(home: Home, statement: str) -> None:
    a_database_with_a_case(home)
    with sqlite3.connect(home.db) as conn:
        conn.execute(statement)
    conn.close()


# -- the conditions: each makes the home bad and returns (what names it, env for the run) ----
def random_bytes(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    home.data.mkdir(parents=True)
    home.db.write_bytes(os.urandom(64 * 1024))
    return str(home.db), {}


def truncated(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    data = a_database_with_a_case(home).read_bytes()
    home.db.write_bytes(data[: len(data) // 3])
    return str(home.db), {}


def unknown_state(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    sql(home, "UPDATE cases SET state = 'lost_in_space'")
    return str(home.db), {}


def bad_time(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    sql(home, "UPDATE events SET at = 'yesterday-ish' WHERE position = 0")
    return str(home.db), {}


def database_not_writable(home: Home, freeze: Callable[[Path], None]
                          ) -> tuple[str, dict[str, str]]:
    freeze(a_database_with_a_case(home))
    return str(home.db), {}


def data_dir_not_writable(home: Home, freeze: Callable[[Path], None]
                          ) -> tuple[str, dict[str, str]]:
    a_database_with_a_case(home)
    freeze(home.data)
    return str(home.data), {}


def data_dir_is_a_file(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    home.data.write_text("not a folder\n")
    return str(home.data), {}


def data_dir_is_dev_null(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    return "/dev/null", {"ASSISTANT_DATA_DIR": "/dev/null"}


def utf16_env_file(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    (home.root / ".env").write_text("ASSISTANT_HEADLESS=true\n", encoding="utf-16")
    return str(home.root / ".env"), {}


def unknown_locale(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    return "ASSISTANT_LOCALE", {"ASSISTANT_LOCALE": "xx"}


def session_cookies_a_string(home: Home, _: Callable[[Path], None]
                             ) -> tuple[str, dict[str, str]]:
    home.session.parent.mkdir(parents=True)
    home.session.write_text(json.dumps({"cookies": "sid=1", "origins": []}))
    return str(home.session), {}


def session_not_json(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    home.session.parent.mkdir(parents=True)
    home.session.write_bytes(b"\x00\x01 this is no JSON")
    return str(home.session), {}


def browser_not_a_chromium(home: Home, _: Callable[[Path], None]) -> tuple[str, dict[str, str]]:
    return "/bin/true", {"ASSISTANT_BROWSER_PATH": "/bin/true"}


Condition = Callable[[Home, Callable[[Path], None]], tuple[str, dict[str, str]]]
STORE_AND_SETTINGS: list[Condition] = [
    random_bytes, truncated, unknown_state, bad_time, database_not_writable,
    data_dir_not_writable, data_dir_is_a_file, data_dir_is_dev_null, utf16_env_file,
    unknown_locale]
BROWSER: list[Condition] = [session_cookies_a_string, session_not_json, browser_not_a_chromium]
CASES = ([pytest.param(c, command, id=f"{c.__name__}-{command[0]}")
          for c in STORE_AND_SETTINGS for command in (STATUS, TICK)]
         + [pytest.param(c, DRY_RUN, id=f"{c.__name__}-cancel")
            for c in BROWSER + STORE_AND_SETTINGS])


def assert_one_paragraph_naming(ran: Ran, name: str) -> None:
    assert ran.returncode == 2, (ran.stdout, ran.stderr)
    assert "Traceback" not in ran.stderr, ran.stderr
    assert ran.stderr.startswith("Error: "), ran.stderr
    said = " ".join(ran.stderr.split())  # the terminal wraps long lines
    assert name in said, said
    assert "\n\n" not in ran.stderr.strip(), ran.stderr  # one paragraph


@pytest.mark.parametrize(("condition", "command"), CASES)
def test_each_bad_file_or_setting_is_exit_2_naming_it(
        home: Home, frozen: Callable[[Path], None], condition: Condition,
        command: tuple[str, ...]) -> None:
    # GIVEN a damaged or unusable file or setting
    name, env = condition(home, frozen)
    # WHEN a command that needs it runs
    ran = run_assistant(*command, env=env, timeout=60)
    # THEN it exits 2 with one paragraph naming what is wrong, and no traceback
    assert_one_paragraph_naming(ran, name)
    # AND no browser was started (nor anything submitted): no evidence folder
    assert not (home.data / "evidence").exists()


def test_a_data_dir_not_there_yet_is_no_case_yet(home: Home) -> None:
    ran = run_assistant("status")
    assert ran.returncode == 0, ran.stderr
    assert "No cases yet" in ran.stdout
    assert not home.data.exists()  # looking creates nothing


def test_the_traceback_is_shown_with_v_and_always_logged(home: Home) -> None:
    # GIVEN a state database of random bytes (the data dir, and so the log file, are fine)
    random_bytes(home, lambda _: None)
    # WHEN status runs without -v, then with it
    quiet, verbose = run_assistant("status"), run_assistant("-v", "status")
    # THEN both exit 2 with the same message; only -v shows where it came from
    assert quiet.returncode == verbose.returncode == 2
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in verbose.stderr and "sqlite3.DatabaseError" in verbose.stderr
    # AND the log file keeps the traceback of both runs
    log = (home.data / "logs" / "assistant.log").read_text()
    assert log.count("exit 2: The state database") == 2
    assert log.count("sqlite3.DatabaseError: file is not a database") == 2


DOCTOR: list[tuple[Condition, str]] = [
    (random_bytes, "database"), (truncated, "database"), (unknown_state, "database"),
    (bad_time, "database"), (database_not_writable, "database"),
    (data_dir_not_writable, "data dir"), (data_dir_is_a_file, "data dir"),
    (data_dir_is_dev_null, "data dir"), (utf16_env_file, "settings"),
    (unknown_locale, "settings"), (session_cookies_a_string, "session"),
    (session_not_json, "session"), (browser_not_a_chromium, "browser")]


@pytest.mark.browser
@pytest.mark.parametrize(("condition", "check"), DOCTOR,
                         ids=[c.__name__ for c, _ in DOCTOR])
def test_doctor_says_the_same(home: Home, frozen: Callable[[Path], None],
                              condition: Condition, check: str,
                              with_browser: None) -> None:
    # GIVEN a damaged or unusable file or setting
    name, env = condition(home, frozen)
    # WHEN the doctor runs
    ran = run_assistant("doctor", "--json", env=env, timeout=120)
    # THEN it exits 2, and the check concerned fails naming it, with what to do
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr
    found = {c["check"]: c for c in ran.json()["checks"]}[check]
    assert found["status"] == "fail", found
    assert name in found["found"] and found["fix"], found


def test_doctor_repair_moves_a_damaged_database_aside_and_starts_a_new_one(home: Home) -> None:
    # GIVEN a state database that is half a file
    truncated(home, lambda _: None)
    damaged = home.db.read_bytes()
    # WHEN the doctor repairs
    ran = run_assistant("doctor", "--repair", "--json", timeout=120)
    # THEN the old file is kept, renamed with the time, byte for byte
    kept = [p for p in home.data.iterdir() if p.name.startswith("assistant.sqlite3.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    doc = ran.json()
    assert str(kept[0]) in doc["repaired"] and "malformed" in doc["repaired"]
    database = {c["check"]: c for c in doc["checks"]}["database"]
    assert database["status"] == "ok" and database["found"].endswith(": 0 case(s)")
    # AND the commands work again, on a new, empty database
    status = run_assistant("status", "--json")
    assert status.returncode == 0 and status.json() == {"account": None, "cases": []}
    # AND a second repair finds nothing to do
    again = run_assistant("doctor", "--repair", "--json", timeout=120).json()
    assert again["repaired"] is None
    assert len([p for p in home.data.iterdir() if ".damaged-" in p.name]) == 1


def test_doctor_repair_leaves_a_whole_but_unwritable_database_where_it_is(
        home: Home, frozen: Callable[[Path], None]) -> None:
    # GIVEN a whole database that cannot be written
    database_not_writable(home, frozen)
    whole = home.db.read_bytes()
    # WHEN the doctor is asked to repair
    doc = run_assistant("doctor", "--repair", "--json", timeout=120).json()
    # THEN nothing is moved: the file is not damaged; the message says why nothing was done
    assert doc["repaired"].startswith("Nothing was repaired: The state database ")
    assert "cannot be written" in doc["repaired"]
    assert home.db.read_bytes() == whole
    assert not [p for p in home.data.iterdir() if ".damaged-" in p.name]


@pytest.mark.browser
def test_an_error_no_part_foresaw_still_names_its_file(home: Home, with_browser: None) -> None:
    # GIVEN an evidence "folder" that is a file (found only once the browser runs)
    home.data.mkdir(parents=True)
    (home.data / "evidence").write_text("not a folder\n")
    # WHEN a dry run starts the browser
    ran = run_assistant(*DRY_RUN, timeout=120)
    # THEN the boundary turns the OS's error into one paragraph naming the file: exit 2
    assert_one_paragraph_naming(ran, str(home.data / "evidence"))
    # AND the log file keeps where it came from
    log = (home.data / "logs" / "assistant.log").read_text()
    assert "Traceback" in log and "FileExistsError" in log
    # AND the browser's temporary folder went with the browser
    assert list((home.data / "tmp").iterdir()) == []

"""The README is true: it opens with `make demo` and `make test`, its ```sh blocks run, and
every command, option, setting, make target, file and state arrow it names exists."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from assistant.cli import build
from assistant.domain import State
from assistant.domain.rules import RULES
from assistant.settings import Settings
from tests.support import readme
from tests.support.cli import ROOT

SETTINGS = {f"ASSISTANT_{name.upper()}" for name in Settings.model_fields}
SAFE_BLOCKS = [b for b in readme.blocks() if b.lang == "sh"]


def test_the_readme_opens_with_make_demo_and_make_test() -> None:
    # GIVEN the README; WHEN a newcomer reads its first block; THEN it is the two commands
    first = readme.blocks()[0]
    commands = [line.split("#")[0].strip() for line in first.body.splitlines()]
    assert first.line <= 4 and commands == ["make demo", "make test"]


@pytest.mark.browser  # the fixture-site block starts a shop; the others are quick
@pytest.mark.parametrize("block", SAFE_BLOCKS, ids=[b.id for b in SAFE_BLOCKS])
def test_a_safe_shell_block_runs(block: readme.Block, tmp_path: Path) -> None:
    # GIVEN a throwaway folder, the virtual environment first on the PATH, and this test's
    # isolated data dir and keyring (tests/conftest.py)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # WHEN the block runs in bash, stopping at the first failing command
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.body], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    # THEN it succeeds
    assert done.returncode == 0, f"{block.id}\n{block.body}\n{done.stdout}\n{done.stderr}"


def _options(command: Any) -> set[str]:
    declared = {opt for param in command.params for opt in getattr(param, "opts", [])}
    return declared | {"--help"}


def test_every_command_and_option_the_readme_names_exists() -> None:
    root: Any = typer.main.get_command(build())  # typer's own (vendored) click Group
    ctx = typer.Context(root)
    named = 0
    pattern = re.compile(r"(?:^|[\s`(/$])assistant (?P<words>[a-z][a-z-]*(?: [a-z][a-z-]*)?)"
                         r"(?P<rest>[^#]*)")
    for span in readme.code_spans():
        for match in pattern.finditer(span):
            words = match["words"].split()
            command = root.get_command(ctx, words[0])
            assert command is not None, f"README names `assistant {words[0]}`: no such command"
            if hasattr(command, "get_command"):  # a group: `assistant secrets set`
                assert len(words) == 2, span
                command = command.get_command(ctx, words[1])
                assert command is not None, f"README names `assistant {match['words']}`"
            for option in re.findall(r"--[a-z][a-z-]*", match["rest"]):
                assert option in _options(command), f"`{span}`: {words[0]} has no {option}"
            named += 1
    for span in readme.code_spans():
        for option in re.findall(r"(?:^|\s)assistant (-[-a-z]+)", span):
            assert option in _options(root), f"`{span}`: assistant has no {option}"
    assert named > 30  # the README does name them


def test_every_setting_the_readme_names_exists() -> None:
    named = set(re.findall(r"\bASSISTANT_[A-Z_]+[A-Z]\b", readme.text()))
    assert named - SETTINGS == set()
    assert {"ASSISTANT_ACCOUNT", "ASSISTANT_MAIL", "ASSISTANT_NOW"} <= named


def test_env_example_lists_every_setting_with_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    setting = re.compile(r"^#? ?(ASSISTANT_[A-Z_]+)=")
    listed = {}
    for number, line in enumerate(lines):
        found = setting.match(line)
        if not found:
            continue
        above = number - 1
        while above >= 0 and setting.match(lines[above]):
            above -= 1  # settings described together share the comment above them
        listed[found[1]] = lines[above] if above >= 0 else ""
    assert set(listed) == SETTINGS
    for name, comment in listed.items():
        assert comment.startswith("# ") and len(comment) > 10, f"{name} has no comment"


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][\w-]*)", readme.text()))
    named |= {line.split()[1] for b in readme.blocks() for line in b.body.splitlines()
              if line.startswith("make ")}
    assert named and named <= targets


def test_every_project_file_the_readme_names_exists() -> None:
    tops = ("assistant/", "flows/", "tests/", "docs/", "fixtures/", "benchmarks/", "scripts/",
            ".ci/")
    named = {span.strip() for span in readme.code_spans()
             if span.strip().startswith(tops) and " " not in span.strip()}
    named |= set(re.findall(r"\]\(((?:docs|src)/[^)]+)\)", readme.text()))
    named |= {".env.example", "CHANGELOG.md", "Makefile"}
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert len(named) > 10 and missing == []


# The arrows of the state diagram, checked against the state table (domain/rules.py).
_ARROW = re.compile(r"^\s*(\[\*\]|\w+) --> (\[\*\]|\w+)", re.MULTILINE)
ENDS = {State.CANCELLED, State.REFUNDED, State.SELLER_CONTACT}


def _allowed(source: State, target: State) -> bool:
    for name, rule in RULES.items():
        if rule.to is target and source in rule.moves | rule.repeats:
            return True
        # a delivered third-party order goes to seller_contact (Case.delivered)
        if name == "delivered" and target is State.SELLER_CONTACT and source in rule.moves:
            return True
    return False


def test_the_state_diagram_is_true_to_the_code() -> None:
    [diagram] = [b.body for b in readme.blocks() if b.lang == "mermaid"]
    arrows = _ARROW.findall(diagram)
    drawn = set()
    for source, target in arrows:
        if target == "[*]":
            assert State(source) in ENDS, f"{source} is not where a case ends"
            continue
        start = State.NEW if source == "[*]" else State(source)
        assert _allowed(start, State(target)), f"{source} --> {target} is not in the rules"
        drawn |= {start, State(target)}
    assert drawn == set(State), f"states missing from the diagram: {set(State) - drawn}"


def test_the_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "Keep a Changelog" in changelog
    assert re.search(r"^## \[Unreleased\]$", changelog, re.MULTILINE)


def test_the_safe_blocks_need_no_more_than_the_machine_has() -> None:
    # curl and bash are what the fixture-site block uses besides the assistant itself
    assert shutil.which("curl") and shutil.which("bash")

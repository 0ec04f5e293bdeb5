"""Reading README.md as a test reads it: its fenced blocks, code spans and marked examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import ROOT

README = ROOT / "README.md"
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\n(?P<body>.*?)^(?P=indent)```$",
                    re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#+ (.+)$", re.MULTILINE)
_EXAMPLE = re.compile(r"<!-- plugin-example: (?P<name>[\w.]+) -->\n```python\n(?P<body>.*?)^```$",
                      re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    section: str  # the heading above it
    line: int

    @property
    def id(self) -> str:
        return f"line {self.line}: {self.section}"


def text(path: Path = README) -> str:
    return path.read_text(encoding="utf-8")


def blocks(source: str | None = None) -> list[Block]:
    source = text() if source is None else source
    found = []
    for match in _FENCE.finditer(source):
        before = source[:match.start()]
        headings = _HEADING.findall(_FENCE.sub("", before))  # a "# comment" in a block is none
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines()) + "\n"
        found.append(Block(match["lang"], body, headings[-1] if headings else "(top)",
                           before.count("\n") + 1))
    return found


def code_spans(source: str | None = None) -> list[str]:
    """Inline `code` outside fenced blocks, and every line of every fenced block."""
    source = text() if source is None else source
    spans = [line for b in blocks(source) for line in b.body.splitlines()]
    prose = _FENCE.sub("", source)
    spans += re.findall(r"`+([^`\n]+?)`+", prose)
    return spans


def plugin_examples(source: str | None = None) -> dict[str, str]:
    """The files of the README's pytest-plugin example, by file name."""
    source = text() if source is None else source
    return {m["name"]: m["body"] for m in _EXAMPLE.finditer(source)}

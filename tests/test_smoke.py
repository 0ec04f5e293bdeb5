from assistant import __version__
from tests.support.cli import run_assistant


def test_version_is_printed() -> None:
    out = run_assistant("--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"assistant {__version__}"

import subprocess
import sys

from assistant import __version__


def test_version_is_printed() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"assistant {__version__}"

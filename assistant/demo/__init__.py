"""`assistant demo`: the whole lifecycle against the embedded fixture site, no account needed.

Kept light on purpose: ``keyring_file`` is imported by every command the demo runs (through
PYTHON_KEYRING_BACKEND), so nothing heavy may load from here. ``story.run_demo`` is the entry.
"""

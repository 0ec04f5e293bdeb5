"""The scheduler's tests: journeys in this process on the session's browser
(tests/support/journeys.py), and the `assistant` command as cron runs it (the ``cron`` fixture
of tests/support/cli.py), against the fixture site."""

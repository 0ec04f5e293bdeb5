"""AliExpress cancellation assistant: cancels orders before they ship and follows them up."""

__version__ = "0.1.0"

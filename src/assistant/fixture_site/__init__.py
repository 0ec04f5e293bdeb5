"""The fixture site: a local stand-in for the shop, for testers, tests and the demo."""

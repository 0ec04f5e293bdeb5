"""Browser journeys through the shop, built from one page object per page."""

"""The website surface: one page object per page of the shop, and the surface that uses them."""

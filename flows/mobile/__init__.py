"""The mobile surface: the shop's mobile pages in an emulated phone, one page object a page.

Home → the three-line "Menu" button (bottom right) → "Your Orders" → tap the order's number
→ "Cancel items" → reason and items → "Cancel checked items" → the confirmation. Where a
mobile page is the website's page in another layout (the cancel form, the order page, the
confirmation), its page object extends the web one and changes only what differs.
"""

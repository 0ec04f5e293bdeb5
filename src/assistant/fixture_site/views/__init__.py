"""The fixture site's blueprints: one per area of the site."""

"""Site texts per locale: <locale>/site.toml (data, read by assistant.texts)."""

"""Cross-cutting protection of every entry point (API, pages, admin): lockout after
repeated failed logins (django-axes), the audit of logins, and the
Content-Security-Policy header. An app (label ``security``) without models."""

"""API tokens: hashed storage, one per login, expiry, logout and revocation.

Why not DRF's ``authtoken`` (plaintext key, one per user, never expires) nor
django-rest-knox (hashed and expiring, but no device name, no last use, and its primary
key is the digest, which a list/revoke API would have to expose): a small model here
does exactly what the API promises. Public names: ``ApiToken`` (in ``api.models``),
the services in ``api.tokens.services``, ``ApiTokenAuthentication``.
"""

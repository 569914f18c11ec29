"""Test-only support code (never used by the running service)."""

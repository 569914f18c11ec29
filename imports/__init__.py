"""Bringing an existing cooperative in: member and opening-balance imports."""

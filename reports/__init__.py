"""Financial statements, year-end close with SHU distribution, and auditor exports."""

"""Background jobs the treasurer and the auditor start from the web pages (issuing a
period's dues, a big ledger export): their parameters, progress, outcome and file.

This app sits beside ``audit`` at the bottom of the layers: it imports nothing of the
domain apps; the interfaces (``web`` views and Celery tasks) create and update jobs.
"""

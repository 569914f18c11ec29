"""Auditor exports of the general ledger: CSV, XLSX, Beancount, hledger, manifest."""

"""Sales of products and services, purchases and expenses, posted to the ledger."""

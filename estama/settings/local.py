"""Local development: the README's run command. SQLite, eager Celery, console email."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# The embedded default shows an example account so "Cara membayar" always shows;
# production sets its own ESTAMA_PAYMENT_ACCOUNTS.
ESTAMA_PAYMENT_ACCOUNTS = env.json(
    "ESTAMA_PAYMENT_ACCOUNTS",
    default=[
        {
            "bank": "Bank Jatim (contoh)",
            "number": "0011223344",
            "holder": "Estama DPD IPSPI Jawa Timur",
        }
    ],
)

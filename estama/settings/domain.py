"""Estama's own settings: tamper evidence, the organisation, members, SHU, sales,
imports and the bank. Every value comes from the environment (``ESTAMA_*``) with a safe
local default; base.py imports them all."""

import environ

from .paths import VAR_DIR

env = environ.Env()

# --- Tamper evidence ------------------------------------------------------------------
# Signed checkpoints of the ledger and audit chains, kept outside the database
# (ledger/checkpoints). Put the directory on other storage than the database (and in
# the backups); the key is required in production (settings/production.py); locally
# a random key is created in ESTAMA_CHECKPOINT_KEY_FILE on first use.
ESTAMA_CHECKPOINT_DIR = env(
    "ESTAMA_CHECKPOINT_DIR", default=str(VAR_DIR / "checkpoints")
)
ESTAMA_CHECKPOINT_KEY = env("ESTAMA_CHECKPOINT_KEY", default="")
ESTAMA_CHECKPOINT_KEY_FILE = env(
    "ESTAMA_CHECKPOINT_KEY_FILE", default=str(VAR_DIR / "checkpoint.key")
)

# --- Estama domain settings -----------------------------------------------------------
# Rounding of computed rupiah amounts (tax): "half_up" (PER-11/PJ/2025) or "down".
ESTAMA_ROUNDING = env("ESTAMA_ROUNDING", default="half_up")
# Prefix of journal entry numbers: JU-2026-000123.
ESTAMA_ENTRY_PREFIX = env("ESTAMA_ENTRY_PREFIX", default="JU")
# How far ahead an entry may be dated: up to 31 December of the year this many years
# after today's (1 = end of next year). Later dates are refused with invalid_date.
ESTAMA_ENTRY_DATE_YEARS_AHEAD = env.int("ESTAMA_ENTRY_DATE_YEARS_AHEAD", default=1)

# Members. Simpanan pokok: one amount for every member, billed on activation.
ESTAMA_POKOK_AMOUNT = env.int("ESTAMA_POKOK_AMOUNT", default=100000)
# SAK EP: post pokok and wajib to liabilities 2-1210/2-1220 instead of equity.
ESTAMA_MEMBER_CAPITAL_AS_LIABILITY = env.bool(
    "ESTAMA_MEMBER_CAPITAL_AS_LIABILITY", default=False
)
# Overpayments: "credit" (held as Titipan Anggota 2-1230) or "sukarela" (2-1200).
ESTAMA_OVERPAYMENT_TO = env("ESTAMA_OVERPAYMENT_TO", default="credit")
# Due day of a monthly period (1-28); empty = the last day of the period.
ESTAMA_DUE_DAY = env("ESTAMA_DUE_DAY", default="")
# Prefix of member numbers: JTM-00001.
ESTAMA_MEMBER_NUMBER_PREFIX = env("ESTAMA_MEMBER_NUMBER_PREFIX", default="JTM")
# Prefix of receipt (kuitansi) numbers: KW-2026-00001.
ESTAMA_RECEIPT_PREFIX = env("ESTAMA_RECEIPT_PREFIX", default="KW")
# Password of the demo users created by seed_demo (default: estama-demo).
ESTAMA_PASSWORD = env("ESTAMA_PASSWORD", default="")

# SHU. Whether simpanan sukarela counts as members' capital in the SHU capital share.
ESTAMA_SHU_SUKARELA_AS_CAPITAL = env.bool(
    "ESTAMA_SHU_SUKARELA_AS_CAPITAL", default=False
)
# SHU eligibility: only those who are members on 31 December share in that year's SHU
# (a member who left earlier leaves both the numerator and the denominator).
ESTAMA_SHU_MEMBERS_AT_YEAR_END = env.bool(
    "ESTAMA_SHU_MEMBERS_AT_YEAR_END", default=True
)
# Where members' SHU is paid: "cash" (cash or bank, per pay-out) or "sukarela".
ESTAMA_SHU_PAYOUT_TO = env("ESTAMA_SHU_PAYOUT_TO", default="cash")

# Sales: allow issuing goods beyond the stock on hand (negative stock).
ESTAMA_ALLOW_NEGATIVE_STOCK = env.bool("ESTAMA_ALLOW_NEGATIVE_STOCK", default=False)
# Number prefixes of sales invoices (INV-2026-00001) and their payment receipts.
ESTAMA_INVOICE_PREFIX = env("ESTAMA_INVOICE_PREFIX", default="INV")
ESTAMA_SALES_RECEIPT_PREFIX = env("ESTAMA_SALES_RECEIPT_PREFIX", default="KWJ")

# API request limits (api/limits.py): larger bodies answer 413 request_too_large,
# deeper JSON 400 invalid_json.
ESTAMA_API_MAX_BODY_BYTES = env.int("ESTAMA_API_MAX_BODY_BYTES", default=5 * 2**20)
ESTAMA_API_MAX_JSON_DEPTH = env.int("ESTAMA_API_MAX_JSON_DEPTH", default=32)

# Organisation: letterheads of receipts, invoices, statements and exports, and the
# signature block of financial statements (Ketua, Bendahara, Pengawas).
# How members pay: the cooperative's bank account(s) shown on the member's page, as
# JSON: [{"bank": "Bank Jatim", "number": "0011223344", "holder": "Estama"}]; and an
# optional QRIS image (a path under static/ or a full URL).
ESTAMA_PAYMENT_ACCOUNTS = env.json("ESTAMA_PAYMENT_ACCOUNTS", default=[])
ESTAMA_PAYMENT_QRIS_IMAGE = env("ESTAMA_PAYMENT_QRIS_IMAGE", default="")
ESTAMA_ORG_NAME = env("ESTAMA_ORG_NAME", default="Estama — DPD IPSPI Jawa Timur")
ESTAMA_ORG_LEGAL_NUMBER = env("ESTAMA_ORG_LEGAL_NUMBER", default="")
ESTAMA_ORG_ADDRESS = env("ESTAMA_ORG_ADDRESS", default="")
ESTAMA_ORG_CITY = env("ESTAMA_ORG_CITY", default="Surabaya")
ESTAMA_ORG_CHAIR = env("ESTAMA_ORG_CHAIR", default="")
ESTAMA_ORG_TREASURER = env("ESTAMA_ORG_TREASURER", default="")
ESTAMA_ORG_SUPERVISOR = env("ESTAMA_ORG_SUPERVISOR", default="")

# Imports. Largest file accepted (bytes), and the size above which an import runs in
# the background (Celery; eagerly in-process without a broker) with progress.
ESTAMA_IMPORT_MAX_BYTES = env.int("ESTAMA_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
ESTAMA_IMPORT_BACKGROUND_BYTES = env.int(
    "ESTAMA_IMPORT_BACKGROUND_BYTES", default=256 * 1024
)
# Bank: confirm exact matches (identifier and amount both agree) as soon as a
# statement is imported; otherwise every match waits for the treasurer.
ESTAMA_BANK_AUTO_CONFIRM_EXACT = env.bool(
    "ESTAMA_BANK_AUTO_CONFIRM_EXACT", default=False
)

"""The seed chart of accounts of DOMAIN.md and an idempotent way to load it.

Codes are ours. Group accounts (``1``, ``1-1``...) take no postings; a leaf's parent is
the
longest group code that prefixes it (``1-1100`` under ``1-1``, ``5-1100`` under ``5``).
"""

from __future__ import annotations

# (code, Indonesian name, English name, type, is_contra)
GROUPS = [
    ("1", "Aset", "Assets", "asset", False),
    ("1-1", "Aset Lancar", "Current Assets", "asset", False),
    ("1-2", "Aset Tetap", "Fixed Assets", "asset", False),
    ("2", "Liabilitas", "Liabilities", "liability", False),
    ("2-1", "Liabilitas Jangka Pendek", "Current Liabilities", "liability", False),
    ("3", "Ekuitas", "Equity", "equity", False),
    ("3-1", "Modal Anggota", "Members' Capital", "equity", False),
    ("3-2", "Cadangan", "Reserves", "equity", False),
    ("3-3", "SHU", "Surplus (SHU)", "equity", False),
    ("4", "Pendapatan", "Revenue", "revenue", False),
    ("4-1", "Pendapatan Usaha", "Operating Revenue", "revenue", False),
    ("4-9", "Pendapatan Lain", "Other Revenue", "revenue", False),
    ("5", "Beban Pokok", "Cost of Revenue", "expense", False),
    ("6", "Beban Operasional", "Operating Expenses", "expense", False),
]

LEAVES = [
    ("1-1100", "Kas", "Cash", "asset", False),
    ("1-1110", "Kas Kecil", "Petty Cash", "asset", False),
    ("1-1200", "Bank", "Bank", "asset", False),
    ("1-1300", "Piutang Usaha", "Trade Receivables", "asset", False),
    ("1-1310", "Piutang Anggota", "Member Receivables (dues/wajib)", "asset", False),
    ("1-1320", "Piutang Anggota Lain-lain", "Other Member Receivables", "asset", False),
    ("1-1390", "Penyisihan Piutang", "Allowance for Receivables", "asset", True),
    ("1-1400", "Persediaan", "Inventory", "asset", False),
    ("1-1500", "PPN Masukan", "Input VAT", "asset", False),
    ("1-1600", "Biaya Dibayar Dimuka", "Prepaid Expenses", "asset", False),
    ("1-2100", "Peralatan", "Equipment", "asset", False),
    ("1-2190", "Akumulasi Penyusutan", "Accumulated Depreciation", "asset", True),
    ("2-1100", "Utang Usaha", "Trade Payables", "liability", False),
    ("2-1200", "Simpanan Sukarela", "Voluntary Savings", "liability", False),
    (
        "2-1300",
        "Utang Simpanan Anggota Keluar",
        "Payable to Leaving Members",
        "liability",
        False,
    ),
    (
        "2-1400",
        "SHU Bagian Anggota Belum Dibayar",
        "Members' SHU Payable",
        "liability",
        False,
    ),
    (
        "2-1410",
        "Dana Pengurus & Pengawas",
        "Management & Supervisors Fund",
        "liability",
        False,
    ),
    ("2-1420", "Dana Karyawan", "Staff Fund", "liability", False),
    ("2-1430", "Dana Pendidikan", "Education Fund", "liability", False),
    ("2-1440", "Dana Sosial", "Social Fund", "liability", False),
    ("2-1500", "Pendapatan Diterima Dimuka", "Unearned Revenue", "liability", False),
    ("2-1600", "PPN Keluaran", "Output VAT", "liability", False),
    ("2-1610", "Utang PPN", "VAT Payable", "liability", False),
    ("2-1700", "Utang PPh", "Income Tax Payable", "liability", False),
    ("3-1100", "Simpanan Pokok", "Principal Shares", "equity", False),
    ("3-1200", "Simpanan Wajib", "Mandatory Shares", "equity", False),
    ("3-1300", "Modal Penyertaan", "Participation Capital", "equity", False),
    ("3-1400", "Hibah", "Grants", "equity", False),
    ("3-2100", "Cadangan", "Reserve", "equity", False),
    ("3-3100", "SHU Tahun Lalu", "Prior Years' SHU", "equity", False),
    ("3-3200", "SHU Tahun Berjalan", "Current Year SHU", "equity", False),
    ("4-1100", "Penjualan - Anggota", "Sales - Members", "revenue", False),
    ("4-1110", "Penjualan - Non-anggota", "Sales - Non-members", "revenue", False),
    ("4-1200", "Jasa Pelatihan - Anggota", "Training - Members", "revenue", False),
    (
        "4-1210",
        "Jasa Pelatihan - Non-anggota",
        "Training - Non-members",
        "revenue",
        False,
    ),
    ("4-1300", "Jasa Konsultasi - Anggota", "Consulting - Members", "revenue", False),
    (
        "4-1310",
        "Jasa Konsultasi - Non-anggota",
        "Consulting - Non-members",
        "revenue",
        False,
    ),
    ("4-1400", "Pendapatan Iuran Anggota", "Member Dues", "revenue", False),
    ("4-1900", "Retur/Diskon Penjualan", "Sales Returns/Discounts", "revenue", True),
    ("4-9100", "Pendapatan Lain-lain", "Other Income", "revenue", False),
    ("5-1100", "Harga Pokok Penjualan", "Cost of Goods Sold", "expense", False),
    ("5-1200", "Beban Langsung Pelatihan", "Direct Training Costs", "expense", False),
    ("6-1100", "Gaji/Honor", "Salaries/Honoraria", "expense", False),
    ("6-1200", "Administrasi & Umum", "General & Administrative", "expense", False),
    ("6-1300", "Beban RAT", "Annual Meeting (RAT) Expense", "expense", False),
    ("6-1400", "Administrasi Bank", "Bank Charges", "expense", False),
    ("6-1500", "Penyusutan", "Depreciation", "expense", False),
    ("6-9100", "Pajak Penghasilan", "Income Tax", "expense", False),
]


def parent_code(code: str, group_codes: set[str]) -> str | None:
    """The longest group code that prefixes ``code`` (``1-1100`` -> ``1-1``)."""
    candidates = [g for g in group_codes if code != g and code.startswith(g)]
    return max(candidates, key=len) if candidates else None


def chart_seed(account_model) -> int:
    """Create the accounts that do not exist yet; returns how many were created.

    Existing accounts are left as they are (the treasurer may have renamed them), so
    running it again changes nothing. Takes the model so data migrations can use it.
    """
    group_codes = {row[0] for row in GROUPS}
    member_codes = {account_code(role) for role in MEMBER_ACCOUNT_ROLES}
    flag = has_field(account_model, "requires_member")
    existing = set(account_model.objects.values_list("code", flat=True))
    by_code = {a.code: a for a in account_model.objects.all()}
    created = 0
    for rows, is_group in ((GROUPS, True), (LEAVES, False)):
        for code, name, name_en, type_, is_contra in rows:
            if code in existing:
                continue
            parent = parent_code(code, group_codes)
            by_code[code] = account_model.objects.create(
                code=code,
                name=name,
                name_en=name_en,
                type=type_,
                is_contra=is_contra,
                is_group=is_group,
                parent=by_code.get(parent) if parent else None,
                currency="IDR",
                **({"requires_member": code in member_codes} if flag else {}),
            )
            created += 1
    return created


def has_field(model, name: str) -> bool:
    """Whether ``model`` (maybe a migration's historical model) has field ``name``."""
    return any(field.name == name for field in model._meta.get_fields())


#: The account each kind of posting goes to, by role. Services ask ``account_code``
#: instead of hard-coding codes, so the chart can be re-mapped in one place.
ROLE_ACCOUNTS = {
    "cash": "1-1100",
    "petty_cash": "1-1110",
    "bank": "1-1200",
    "trade_receivable": "1-1300",
    "member_receivable": "1-1310",
    "member_other_receivable": "1-1320",
    "inventory": "1-1400",
    "input_vat": "1-1500",
    "trade_payable": "2-1100",
    "sukarela": "2-1200",
    "member_credit": "2-1230",  # titipan anggota, seeded by the members app
    "leaving_member_payable": "2-1300",
    "shu_member_payable": "2-1400",
    "unearned_revenue": "2-1500",
    "output_vat": "2-1600",
    "pokok": "3-1100",
    "wajib": "3-1200",
    "reserve": "3-2100",
    "shu_prior": "3-3100",
    "shu_current": "3-3200",
    "sales_member": "4-1100",
    "sales_public": "4-1110",
    "training_member": "4-1200",
    "training_public": "4-1210",
    "consulting_member": "4-1300",
    "consulting_public": "4-1310",
    "dues_revenue": "4-1400",
    "sales_returns": "4-1900",
    "other_income": "4-9100",
    "cogs": "5-1100",
}

#: Accounts whose lines always name the member they belong to (member money). Reports,
#: statements and the SHU read members' positions from these lines; the seed marks
#: them ``requires_member`` and posting refuses a line on them without a member.
MEMBER_ACCOUNT_ROLES = (
    "member_receivable",
    "member_other_receivable",
    "sukarela",
    "leaving_member_payable",
    "shu_member_payable",
    "pokok",
    "wajib",
)


def account_code(role: str) -> str:
    """The account code that takes postings of ``role`` (see ``ROLE_ACCOUNTS``)."""
    return ROLE_ACCOUNTS[role]

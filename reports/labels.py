"""Statement labels in Bahasa Indonesia (default) and English (``lang="en"``)."""

from __future__ import annotations

LANGUAGES = ("id", "en")

LABELS: dict[str, tuple[str, str]] = {
    # titles
    "balance_sheet": ("Laporan Posisi Keuangan", "Statement of Financial Position"),
    "income_statement": (
        "Laporan Perhitungan Hasil Usaha",
        "Statement of Income (SHU)",
    ),
    "equity_changes": ("Laporan Perubahan Ekuitas", "Statement of Changes in Equity"),
    "cash_flow": ("Laporan Arus Kas", "Statement of Cash Flows"),
    "trial_balance": ("Neraca Saldo", "Trial Balance"),
    # columns
    "amount": ("Jumlah", "Amount"),
    "opening": ("Saldo awal", "Opening"),
    "movement": ("Perubahan", "Movement"),
    "closing": ("Saldo akhir", "Closing"),
    "debit": ("Debit", "Debit"),
    "credit": ("Kredit", "Credit"),
    "code": ("Kode", "Code"),
    "account": ("Akun", "Account"),
    # balance sheet
    "assets": ("ASET", "ASSETS"),
    "liabilities": ("LIABILITAS", "LIABILITIES"),
    "equity": ("EKUITAS", "EQUITY"),
    "total_assets": ("Jumlah aset", "Total assets"),
    "total_liabilities": ("Jumlah liabilitas", "Total liabilities"),
    "total_equity": ("Jumlah ekuitas", "Total equity"),
    "total_liabilities_equity": (
        "Jumlah liabilitas dan ekuitas",
        "Total liabilities and equity",
    ),
    "current_result": ("SHU tahun berjalan", "Current year surplus (SHU)"),
    "subtotal": ("Jumlah", "Total"),
    # income statement
    "revenue_member": ("Pendapatan usaha dari anggota", "Revenue from members"),
    "revenue_non_member": (
        "Pendapatan usaha dari non-anggota",
        "Revenue from non-members",
    ),
    "returns": ("Retur dan diskon penjualan", "Sales returns and discounts"),
    "revenue": ("Jumlah pendapatan usaha", "Total operating revenue"),
    "cogs": ("Beban pokok", "Cost of revenue"),
    "gross": ("Hasil usaha kotor", "Gross surplus"),
    "expenses": ("Beban operasional", "Operating expenses"),
    "other_income": ("Pendapatan lain-lain", "Other income"),
    "result": ("Sisa hasil usaha (SHU)", "Surplus for the period (SHU)"),
    # equity changes: columns, then rows
    "equity_total": ("Jumlah ekuitas", "Total equity"),
    "eq:simpanan_pokok": ("Simpanan pokok", "Principal shares"),
    "eq:simpanan_wajib": ("Simpanan wajib", "Mandatory shares"),
    "eq:modal_penyertaan": ("Modal penyertaan", "Participation capital"),
    "eq:hibah": ("Hibah", "Grants"),
    "eq:cadangan": ("Cadangan", "Reserve"),
    "eq:shu": ("SHU", "SHU"),
    "eq:other": ("Ekuitas lainnya", "Other equity"),
    "eq_row:opening": ("Saldo awal", "Opening balance"),
    "eq_row:paid_in": ("Setoran", "Paid in"),
    "eq_row:withdrawn": ("Penarikan", "Withdrawn"),
    "eq_row:shu_of_year": ("SHU periode berjalan", "SHU of the period"),
    "eq_row:distribution": ("Pembagian SHU", "SHU distribution"),
    "eq_row:loss_covered": ("Penutupan rugi", "Loss covered"),
    "eq_row:closing": ("Saldo akhir", "Closing balance"),
    # cash flow
    "operating": ("Arus kas dari aktivitas operasi", "Cash flows from operations"),
    "investing": ("Arus kas dari aktivitas investasi", "Cash flows from investing"),
    "financing": ("Arus kas dari aktivitas pendanaan", "Cash flows from financing"),
    "net_change": ("Kenaikan (penurunan) kas bersih", "Net change in cash"),
    "opening_cash": ("Kas dan bank awal periode", "Cash and bank at start"),
    "closing_cash": ("Kas dan bank akhir periode", "Cash and bank at end"),
    "flow:receipts_sales": (
        "Penerimaan dari penjualan dan jasa",
        "Receipts from sales and services",
    ),
    "flow:receipts_dues": ("Penerimaan iuran anggota", "Members' dues received"),
    "flow:payments_suppliers": (
        "Pembayaran kepada pemasok dan beban pokok",
        "Paid to suppliers and for cost of revenue",
    ),
    "flow:payments_expenses": ("Pembayaran beban operasional", "Operating expenses"),
    "flow:payments_taxes": ("Pembayaran pajak", "Taxes paid"),
    "flow:payments_funds": (
        "Penggunaan dana pengurus, karyawan, pendidikan dan sosial",
        "Management, staff, education and social funds used",
    ),
    "flow:other_operating": ("Penerimaan dan pengeluaran lain", "Other receipts"),
    "flow:fixed_assets": ("Pembelian dan penjualan aset tetap", "Fixed assets"),
    "flow:simpanan_pokok": ("Simpanan pokok anggota", "Members' principal shares"),
    "flow:simpanan_wajib": ("Simpanan wajib anggota", "Members' mandatory shares"),
    "flow:simpanan_sukarela": (
        "Simpanan sukarela dan titipan anggota",
        "Members' voluntary savings and credit",
    ),
    "flow:member_refunds": (
        "Pengembalian simpanan anggota keluar",
        "Shares refunded to leaving members",
    ),
    "flow:shu_paid": ("SHU dibayarkan kepada anggota", "SHU paid to members"),
    "flow:equity_other": (
        "Modal penyertaan, hibah dan ekuitas lain",
        "Participation capital, grants and other equity",
    ),
    "per": ("per", "as of"),
    "period": ("periode", "period"),
    # cash book categories
    "dues_shares": ("Iuran & simpanan", "Dues & shares"),
    "sales_services": ("Penjualan & jasa", "Sales & services"),
    "purchases": ("Pembelian", "Purchases"),
    "operating_expenses": ("Beban operasional", "Operating expenses"),
    "other": ("Lain-lain", "Other"),
}


def label(key: str, lang: str = "id") -> str:
    """The label of ``key`` in ``lang`` (``id`` or ``en``); unknown keys as is."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def account_label(account, lang: str = "id") -> str:
    name = account.name_en if lang == "en" and account.name_en else account.name
    return f"{account.code} {name}"

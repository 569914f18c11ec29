from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = _("Buku besar")

    def ready(self) -> None:
        from audit.services import audit_lock_first
        from ledger.day_totals import day_totals_match_lines
        from ledger.integrity import register_check
        from ledger.locking import chain_lock

        # Lock order everywhere: ledger chain counter, then the audit chain head.
        audit_lock_first(chain_lock)
        register_check(day_totals_match_lines)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = _("Buku besar")

    def ready(self):
        from ledger.day_totals import day_totals_match_lines
        from ledger.integrity import register_check

        register_check(day_totals_match_lines)

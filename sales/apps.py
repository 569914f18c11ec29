from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "sales"
    verbose_name = _("Penjualan")

    def ready(self) -> None:
        try:
            from ledger.integrity import register_check
        except ImportError:  # the integrity module is optional for startup
            return
        from sales.checks import stock_matches_inventory

        register_check(stock_matches_inventory)

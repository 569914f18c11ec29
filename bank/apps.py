from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BankConfig(AppConfig):
    name = "bank"
    verbose_name = _("Bank")

    def ready(self) -> None:
        from bank.statements import statement_import_runner
        from imports.jobs import runner_register

        runner_register("bank", statement_import_runner)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Anggota")

    def ready(self) -> None:
        try:
            from ledger.integrity import register_check
        except ImportError:  # the ledger's verifier is not there: nothing to join
            return
        from members.integrity import members_ledger_check

        register_check(members_ledger_check)

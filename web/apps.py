from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "web"
    verbose_name = _("Halaman web")

    def ready(self) -> None:
        # The admin is the treasurer's back office: brand it as such (the admin
        # modules of the apps are left alone; the site's titles are set here once).
        from django.contrib import admin

        admin.site.site_header = _("Estama — Bendahara")
        admin.site.site_title = _("Estama — Bendahara")
        admin.site.index_title = _("Administrasi pembukuan Estama")

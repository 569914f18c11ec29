"""Regions: the 38 regencies and cities (kabupaten/kota) of Jawa Timur.

Invariant: ``code`` is the official four-digit BPS code (e.g. 3578 Kota Surabaya) and
never changes; members refer to their region by it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Region(models.Model):
    code = models.CharField(_("kode BPS"), max_length=4, primary_key=True)
    name = models.CharField(_("nama"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=9, choices=RegionKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

"""The member registry.

Invariants:
    - ``number`` (e.g. JTM-00001) is issued once from a gapless counter and never
      reused;
    - a member is never deleted (every ledger line that names them is PROTECTed);
    - at most one login user per member;
    - ``status`` changes only through ``members.services`` and every change is kept
      in ``MemberStatusChange``; ``left_reason`` is set exactly when status is left.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberCategory(models.TextChoices):
    BIASA = "biasa", _("Anggota biasa")
    LUAR_BIASA = "luar_biasa", _("Anggota luar biasa")
    KEHORMATAN = "kehormatan", _("Anggota kehormatan")
    REKAN = "rekan", _("Anggota rekan")


class MemberStatus(models.TextChoices):
    APPLICANT = "applicant", _("Calon anggota")
    ACTIVE = "active", _("Aktif")
    SUSPENDED = "suspended", _("Diberhentikan sementara")
    LEFT = "left", _("Keluar")


class LeftReason(models.TextChoices):
    RESIGNED = "resigned", _("Mengundurkan diri")
    DECEASED = "deceased", _("Meninggal dunia")
    DISMISSED = "dismissed", _("Diberhentikan")


class Member(models.Model):
    number = models.CharField(_("nomor anggota"), max_length=16, unique=True)
    name = models.CharField(_("nama lengkap"), max_length=150)
    category = models.CharField(
        _("kategori"), max_length=12, choices=MemberCategory.choices
    )
    region = models.ForeignKey(
        "members.Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    joined_on = models.DateField(_("tanggal bergabung"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MemberStatus.choices,
        default=MemberStatus.APPLICANT,
    )
    left_reason = models.CharField(
        _("alasan keluar"), max_length=10, choices=LeftReason.choices, blank=True
    )
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")
        indexes = [
            models.Index(fields=["region", "status"], name="member_region_status"),
            models.Index(fields=["name"], name="member_name"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

"""The organisation's identity, read from settings at call time.

Letterheads (receipts, invoices, credit notes, member statements), financial statements
(header and signature block) and export manifests all take the same facts from here, so
the name and legal entity number are spelled once. Values come from the ``ESTAMA_ORG_*``
settings (environment variables of the same names); ``seed_demo`` fills the demo's in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Organisation:
    name: str
    legal_number: str
    address: str
    city: str
    chair: str
    treasurer: str
    supervisor: str

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "legal_number": self.legal_number,
            "address": self.address,
            "city": self.city,
            "chair": self.chair,
            "treasurer": self.treasurer,
            "supervisor": self.supervisor,
        }


def organisation() -> Organisation:
    """The organisation as configured now (settings are read on every call)."""
    return Organisation(
        name=settings.ESTAMA_ORG_NAME,
        legal_number=settings.ESTAMA_ORG_LEGAL_NUMBER,
        address=settings.ESTAMA_ORG_ADDRESS,
        city=settings.ESTAMA_ORG_CITY,
        chair=settings.ESTAMA_ORG_CHAIR,
        treasurer=settings.ESTAMA_ORG_TREASURER,
        supervisor=settings.ESTAMA_ORG_SUPERVISOR,
    )

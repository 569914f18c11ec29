"""What every sales view shares: the roles that read and the PDF response."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from estama.roles import Role

ALL_READERS = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})


PDF_RESPONSE = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")
}

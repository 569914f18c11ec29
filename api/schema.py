"""The OpenAPI schema documents every status an operation can answer.

Views document what is particular to them (``error_responses(...)`` in
``extend_schema``). What follows from the machinery every view shares is added here,
once, in the error envelope:

- 401 and 403 wherever a permission class other than ``AllowAny`` guards the view;
- 404 for every GET (an unknown object, another member's row, a page past the end)
  and every operation with a path parameter;
- 400 for every operation with parameters or a body (parse and validation errors);
- 413 and 415 for every operation with a body (``api/limits.py``, DRF's parsers);
- 429 when the view is throttled.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import AllowAny

from api.ledger.serializers.errors import _ERROR_TEXT, ErrorSerializer


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._shared_error_statuses():
            key = str(code)
            if key not in responses:
                response = self._get_response_for_code(ErrorSerializer, key)
                response["description"] = _ERROR_TEXT[code]
                responses[key] = response
        return dict(sorted(responses.items()))

    def _shared_error_statuses(self) -> list[int]:
        view = self.view
        has_body = self.method in ("POST", "PUT", "PATCH")
        has_path = "{" in self.path
        has_query = bool(self._get_filter_parameters()) or bool(
            self._get_pagination_parameters()
        )
        statuses = []
        guarded = any(
            not isinstance(permission, AllowAny)
            for permission in view.get_permissions()
        )
        if guarded:
            statuses += [401, 403]
        if self.method == "GET" or has_path:
            statuses.append(404)
        if has_body or has_query or has_path or self._has_declared_parameters():
            statuses.append(400)
        if has_body:
            statuses += [413, 415]
        if view.get_throttles():
            statuses.append(429)
        return statuses

    def _has_declared_parameters(self) -> bool:
        overrides = self.get_override_parameters()
        return bool(overrides)

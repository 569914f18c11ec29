"""``POST /api/v1/members/{number}/refund-credit/``: pay a member's credit back.

Credit (titipan, 2-1230) is what a member overpaid. A member who has left accepts no
new deposits or charges, so what is left of their credit is refunded in cash or by
bank; an active member may have theirs refunded too. Treasurer only; takes an
``Idempotency-Key``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data
from api.fields import AmountField, money_str
from api.idempotency import idempotent
from api.ledger.serializers import ApiDateField, error_responses
from api.members.views import NUMBER_PATH, MembersView
from members import selectors, services
from members.models import PaymentMethod


class RefundCreditInSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    amount = AmountField(
        whole=True, required=False, help_text="Default: the whole credit held."
    )
    date = ApiDateField(required=False, help_text="Default: today (Asia/Jakarta).")


class RefundCreditSerializer(serializers.Serializer):
    member = serializers.CharField()
    entry = serializers.CharField(help_text="The refund's journal entry number.")
    date = serializers.DateField()
    amount = serializers.CharField()
    credit_left = serializers.CharField()
    currency = serializers.CharField()


class MemberRefundCreditView(MembersView):
    serializer_class = RefundCreditSerializer

    @extend_schema(
        summary="Refund the member's credit (titipan 2-1230) in cash or by bank",
        parameters=[NUMBER_PATH, IDEMPOTENCY_HEADER],
        request=RefundCreditInSerializer,
        responses={
            201: RefundCreditSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(RefundCreditInSerializer, request)
        entry = services.credit_refund(
            member=member,
            method=data["method"],
            amount=data.get("amount"),
            date=data.get("date"),
            user=request.user,
        )
        amount = sum(line.amount.amount for line in entry.lines.filter(side="D"))
        body = {
            "member": member.number,
            "entry": entry.number,
            "date": entry.date,
            "amount": money_str(amount),
            "credit_left": money_str(selectors.member_credit(member=member)),
            "currency": "IDR",
        }
        return Response(
            RefundCreditSerializer(body).data, status=status.HTTP_201_CREATED
        )

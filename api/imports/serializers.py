"""Input and output shapes of the imports API."""

from __future__ import annotations

from rest_framework import serializers

from imports.models import ImportJob, ImportKind, JobStatus
from imports.results import RowAction


class FileInSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (UTF-8, UTF-8 with BOM or Windows-1252) or XLSX, at most 50 MB."
    )


class OpeningInSerializer(FileInSerializer):
    date = serializers.DateField(help_text="Date of the opening entry (YYYY-MM-DD).")


class DryRunQuerySerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="1: report only, write nothing."
    )


class RowErrorSerializer(serializers.Serializer):
    column = serializers.CharField()
    message = serializers.CharField()


class RowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Row number in the spreadsheet.")
    action = serializers.ChoiceField(choices=RowAction.choices)
    key = serializers.CharField(help_text="Member number, account code or line id.")
    label = serializers.CharField()
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field -> [before, after].",
    )
    errors = RowErrorSerializer(many=True)


class ResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    dry_run = serializers.BooleanField()
    ok = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())
    summary = serializers.DictField()
    problems = serializers.ListField(
        child=serializers.CharField(),
        help_text="Problems of the file as a whole (e.g. debits differ from credits).",
    )
    rows = RowSerializer(many=True)


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=JobStatus.choices)
    progress = serializers.SerializerMethodField()
    result = ResultSerializer(allow_null=True)
    error = serializers.DictField(allow_null=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "filename",
            "size",
            "sha256",
            "options",
            "dry_run",
            "status",
            "progress",
            "result",
            "error",
            "created_by",
            "created_at",
            "finished_at",
        ]

    def get_progress(self, job: ImportJob) -> dict:
        return {"done": job.progress_done, "total": job.progress_total}


class ImportJobSummarySerializer(ImportJobSerializer):
    """A job in a list: everything but the row-by-row report."""

    class Meta(ImportJobSerializer.Meta):
        fields = [f for f in ImportJobSerializer.Meta.fields if f != "result"]

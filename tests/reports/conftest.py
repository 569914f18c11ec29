from tests.reports.fixtures import demo  # noqa: F401

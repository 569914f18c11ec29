import pytest

from tests.clock import after_2026  # noqa: F401
from tests.reports.fixtures import demo  # noqa: F401


@pytest.fixture(autouse=True)
def _year_2026_ended(after_2026):  # noqa: F811
    """Every reports test runs from 3 January 2027, so 2026 can be closed."""
    return after_2026

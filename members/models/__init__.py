from .members import Member, MemberCategory, MemberStatus
from .regions import Region

__all__ = ["Member", "MemberCategory", "MemberStatus", "Region"]

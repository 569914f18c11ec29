"""Role-based access for the API.

Each view declares which roles may read (safe methods) and which may write:
``read_roles`` defaults to treasurer and auditor, ``write_roles`` to treasurer. Views
that members may read add ``Role.MEMBER`` to ``read_roles`` and scope their querysets to
the member's own data, answering 404 for anything else (so numbers cannot be probed).
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from estama.roles import Role, user_role

DEFAULT_READ = frozenset({Role.TREASURER, Role.AUDITOR})
DEFAULT_WRITE = frozenset({Role.TREASURER})


class IsAuthenticatedRole(BasePermission):
    message = "You do not have permission to perform this action."

    def has_permission(self, request, view) -> bool:
        role = user_role(request.user)
        if role == Role.NONE:
            return False
        if request.method in SAFE_METHODS:
            return role in getattr(view, "read_roles", DEFAULT_READ)
        return role in getattr(view, "write_roles", DEFAULT_WRITE)

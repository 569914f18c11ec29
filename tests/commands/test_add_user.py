"""``manage.py add_user``: roles, member links, and where the password comes from."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from estama.roles import Role, user_role

PASSWORD = "kata-sandi-kuat-1"


class FakeStdin(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__("")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def no_tty(monkeypatch):
    monkeypatch.delenv("ESTAMA_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", FakeStdin(tty=False))


def add_user(*args):
    out = io.StringIO()
    call_command("add_user", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["treasurer", "auditor"])
def test_creates_staff_user_in_role_group(no_tty, role):
    output = add_user(
        "budi", "--role", role, "--password", PASSWORD, "--email", "b@x.id"
    )

    user = User.objects.get(username="budi")
    assert "Created user budi" in output
    assert user.check_password(PASSWORD)
    assert user.email == "b@x.id"
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert user_role(user) == Role(role)
    assert user.groups.get().permissions.filter(codename="view_journalentry").exists()


@pytest.mark.django_db
def test_auditor_group_gets_only_view_permissions(no_tty):
    add_user("siti", "--role", "auditor", "--password", PASSWORD)
    add_user("budi", "--role", "treasurer", "--password", PASSWORD)

    auditor_perms = User.objects.get(username="siti").get_all_permissions()
    treasurer_perms = User.objects.get(username="budi").get_all_permissions()
    assert auditor_perms and all(".view_" in perm for perm in auditor_perms)
    assert "ledger.add_journalentry" in treasurer_perms
    assert "audit.change_auditevent" not in treasurer_perms


@pytest.mark.django_db
def test_updates_existing_user_and_switches_role(no_tty):
    add_user("budi", "--role", "treasurer", "--password", PASSWORD)

    output = add_user("budi", "--role", "auditor", "--password", PASSWORD + "x")

    user = User.objects.get(username="budi")
    assert "Updated user budi" in output
    assert list(user.groups.values_list("name", flat=True)) == ["auditor"]
    assert user.check_password(PASSWORD + "x")
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_member_role_links_member(no_tty, make_member):
    member = make_member()

    add_user(
        "anggota", "--role", "member", "--member", member.number, "--password", PASSWORD
    )

    member.refresh_from_db()
    assert member.user.username == "anggota"
    assert not member.user.is_staff
    assert user_role(member.user) == Role.MEMBER


@pytest.mark.django_db
def test_member_role_needs_known_member(no_tty, make_member):
    with pytest.raises(CommandError, match="needs --member"):
        add_user("anggota", "--role", "member", "--password", PASSWORD)
    with pytest.raises(CommandError, match="Unknown member"):
        add_user(
            "anggota", "--role", "member", "--member", "X-1", "--password", PASSWORD
        )
    assert not User.objects.filter(username="anggota").exists()


@pytest.mark.django_db
def test_member_already_linked_to_another_login_is_refused(no_tty, make_member):
    member = make_member(login=True)

    with pytest.raises(CommandError, match="already has another login"):
        add_user(
            "kedua",
            "--role",
            "member",
            "--member",
            member.number,
            "--password",
            PASSWORD,
        )
    assert not User.objects.filter(username="kedua").exists()


@pytest.mark.django_db
def test_password_from_environment(no_tty, monkeypatch):
    monkeypatch.setenv("ESTAMA_PASSWORD", PASSWORD)

    add_user("budi", "--role", "treasurer")

    assert User.objects.get(username="budi").check_password(PASSWORD)


@pytest.mark.django_db
def test_password_prompted_twice_on_a_terminal(monkeypatch):
    monkeypatch.delenv("ESTAMA_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", FakeStdin(tty=True))
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    add_user("budi", "--role", "auditor")

    assert User.objects.get(username="budi").check_password(PASSWORD)


@pytest.mark.django_db
def test_prompted_passwords_must_match(monkeypatch):
    monkeypatch.delenv("ESTAMA_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", FakeStdin(tty=True))
    answers = iter([PASSWORD, PASSWORD + "-beda"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="do not match"):
        add_user("budi", "--role", "auditor")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_no_password_source_without_terminal_is_an_error(no_tty):
    with pytest.raises(CommandError, match="No password"):
        add_user("budi", "--role", "treasurer")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_weak_password_is_refused(no_tty):
    with pytest.raises(CommandError):
        add_user("budi", "--role", "treasurer", "--password", "123")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_unknown_role_is_refused(no_tty):
    with pytest.raises(CommandError):
        add_user("budi", "--role", "admin", "--password", PASSWORD)

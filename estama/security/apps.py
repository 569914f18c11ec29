from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "estama.security"
    label = "security"
    verbose_name = "Keamanan"

    def ready(self) -> None:
        from estama.security import login_audit

        login_audit.connect()

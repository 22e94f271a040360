"""Create one demo account per role (idempotent) and print the logins."""

import json
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from accounts.services import assign_role
from partners.models import Partner

DEMO_ACCOUNTS = [
    # e-mail, role, partner code, first name, language
    ("learner@demo.crosslearn.example", User.Role.LEARNER, None, "Léa", "fr"),
    ("helper@demo.crosslearn.example", User.Role.HELPER, None, "Hugo", "fr"),
    ("helper.nl@demo.crosslearn.example", User.Role.HELPER, None, "Hanne", "nl"),
    ("operator.wtc@demo.crosslearn.example", User.Role.OPERATOR, "WTC", "Olivia", "fr"),
    ("operator.d09@demo.crosslearn.example", User.Role.OPERATOR, "D09", "Omar", "nl"),
    ("coordinator@demo.crosslearn.example", User.Role.COORDINATOR, None, "Camille", "fr"),
]


class Command(BaseCommand):
    help = "Create the demo accounts (one per role) and print their logins."

    def handle(self, *args, **options):
        logins_file = settings.VAR_DIR / "demo-logins.json"
        passwords = json.loads(logins_file.read_text()) if logins_file.exists() else {}
        with transaction.atomic():
            for email, role, partner_code, first_name, language in DEMO_ACCOUNTS:
                password = passwords.setdefault(email, secrets.token_urlsafe(9))
                user, _ = User.objects.get_or_create(
                    email=email, defaults={"first_name": first_name, "language": language}
                )
                user.set_password(password)
                partner = Partner.objects.get(code=partner_code) if partner_code else None
                assign_role(user=user, role=role, partner=partner)
                EmailAddress.objects.update_or_create(
                    user=user, email=email, defaults={"verified": True, "primary": True}
                )
        logins_file.write_text(json.dumps(passwords, indent=2))
        logins_file.chmod(0o600)

        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (log in at http://127.0.0.1:8000/fr/accounts/login/):"
            )
        )
        for email, role, partner_code, *_ in DEMO_ACCOUNTS:
            scope = f" ({partner_code})" if partner_code else ""
            self.stdout.write(f"  {role.label:<16}{scope:<7} {email:<40} {passwords[email]}")
        if not settings.STAFF_MFA_REQUIRED:
            self.stdout.write(
                self.style.WARNING(
                    "Local demo: staff accounts may enter the admin without a second factor "
                    "(STAFF_MFA_REQUIRED=0). Production requires an authenticator app."
                )
            )

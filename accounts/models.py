from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import ScopedQuerySet
from crosslearn.lib.caching import StaleOnWriteQuerySet


class UserQuerySet(StaleOnWriteQuerySet, ScopedQuerySet):
    # Operators reach the helpers approved at their partner's structures.
    partner_path = "helper_profile__structure__partner"


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        # One person, one account: addresses are compared without case or surrounding spaces.
        return (email or "").strip().lower() or None

    def _create_user(self, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, role=User.Role.COORDINATOR)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=self.normalize_email(email))


class User(AbstractBaseUser, PermissionsMixin):
    """A person using Cross§Le@rn. E-mail is optional: learners may log in with a card."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        HELPER = "helper", _("Helper")
        OPERATOR = "operator", _("Operator staff")
        COORDINATOR = "coordinator", _("Coordinator")

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    first_name = models.CharField(_("first name or pseudonym"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.LEARNER)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Operator staff belong to exactly one partner."),
    )
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    helper_intent = models.BooleanField(
        _("asked to become a helper"),
        default=False,
        db_default=False,  # code that predates the field (a rolling deploy) still inserts
        help_text=_(
            "Signed up from the page “Become a digital helper”: after logging in, they are "
            "taken to the helper form until they have filled it in."
        ),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()
    # Every logged-in request reads its account from the cache (accounts.backends); any write
    # to an account makes those copies stale.
    cached_in = ("accounts",)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=~models.Q(role="operator") | models.Q(partner__isnull=False),
                name="user_operator_has_partner",
            ),
        ]
        permissions = [
            ("use_learner_space", _("Can follow courses and see own progress")),
            ("use_helper_space", _("Can use the helper space")),
            ("operate_partner", _("Can run the network of own partner")),
            ("view_partner_reports", _("Can view the reports of own partner")),
            ("view_programme_reports", _("Can view and download programme reports")),
        ]

    def __str__(self):
        return self.email or self.get_short_name() or f"#{self.pk}"

    def clean(self):
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name


class SentNotice(models.Model):
    """A message sent to a person, recorded so that it is never sent twice.

    Tasks claim ``(kind, recipient, key)`` first, through the unique constraint, and send only
    if the claim is new: a task run twice, or two beat schedulers, still send one message.
    """

    kind = models.CharField(_("kind"), max_length=50)
    recipient = models.ForeignKey(
        User, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    key = models.CharField(
        _("key"), max_length=100, help_text=_("What the notice is about, e.g. a session id.")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "key"], name="sentnotice_once"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.key})"


class LearnerProfileQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"
    structure_path = "structure"

    def for_structure(self, structure):
        return self.filter(structure=structure) if structure else self.none()

    def inactive_since(self, moment):
        """No card login, no accompaniment and no e-mail login since ``moment``."""
        return self.filter(
            models.Q(last_activity__lt=moment)
            | models.Q(last_activity__isnull=True, created_at__lt=moment),
            models.Q(user__last_login__isnull=True) | models.Q(user__last_login__lt=moment),
        )


class LearnerProfile(models.Model):
    """A learner followed by a structure; card learners log in with a username and short code.

    The short code is stored hashed, as the user's password.
    """

    class AgeBracket(models.TextChoices):
        UNDER_26 = "under_26", _("Under 26")
        FROM_26_TO_59 = "26_59", _("26 to 59")
        FROM_60_TO_74 = "60_74", _("60 to 74")
        OVER_75 = "75_plus", _("75 and over")

    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="learner_profile"
    )
    structure = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learners",
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learners_created",
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        User,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    age_bracket = models.CharField(_("age bracket"), max_length=10, choices=AgeBracket, blank=True)
    card_username = models.CharField(
        _("card username"), max_length=40, unique=True, null=True, blank=True
    )
    last_activity = models.DateTimeField(_("last activity"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = LearnerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")
        indexes = [
            models.Index(fields=["structure", "created_at"], name="learner_structure_created"),
            models.Index(fields=["last_activity"], name="learner_last_activity"),
        ]

    def __str__(self):
        return self.card_username or str(self.user)

    @property
    def last_seen(self):
        moments = [m for m in (self.last_activity, self.user.last_login) if m]
        return max(moments) if moments else None


class AttemptCount(models.Model):
    """Login attempts counted by ``accounts.throttle``; keys are HMACs, nothing personal."""

    key = models.CharField(_("key"), max_length=64)
    slot = models.BigIntegerField(_("time window"), help_text=_("Number of the time window."))
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.BigIntegerField(
        _("expires at"), help_text=_("Unix time at which the window ends.")
    )

    class Meta:
        verbose_name = _("login attempt count")
        verbose_name_plural = _("login attempt counts")
        constraints = [
            models.UniqueConstraint(fields=["key", "slot"], name="attemptcount_once"),
        ]
        indexes = [models.Index(fields=["expires_at"], name="attemptcount_expires")]

    def __str__(self):
        return f"{self.key[:8]}… {self.count}"

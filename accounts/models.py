from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from accounts.choices import Province, RespondentType


class UserManager(BaseUserManager["User"]):
    """Users are identified by email address, compared case-insensitively."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A participant or staff member; the email address is the login."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        blank=True,
        help_text=_("The name shown with your public contributions."),
    )
    respondent_type = models.CharField(
        _("respondent type"),
        max_length=20,
        choices=RespondentType.choices,
        default=RespondentType.INDIVIDUAL,
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    notify_replies = models.BooleanField(_("email me when someone replies to me"), default=True)
    notify_moderation = models.BooleanField(
        _("email me about moderation decisions on my contributions"), default=True
    )
    notify_followed = models.BooleanField(
        _("email me about policies I follow (opening, closing, responses)"), default=True
    )
    # When a staff member last opened the admin home: what is new is counted from there.
    staff_home_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.get_full_name() or self.email.split("@", 1)[0]

    def get_full_name(self) -> str:
        return self.display_name or f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.public_name

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()


class AgencyLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency / city")


class Agency(index.Indexed, models.Model):
    """A government body (kementerian, lembaga, pemerintah daerah). It lives here, in the lowest
    layer, because staff roles and representatives are scoped to it; `cms` registers it as a
    snippet and its policies point to it."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("level"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class StaffRole(models.TextChoices):
    DRAFTER = "drafter", _("Policy drafter")
    MODERATOR = "moderator", _("Moderator")


class RoleAssignment(models.Model):
    """A drafter or moderator role, scoped to one agency's policies and consultations."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("agency"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="accounts_unique_role_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency}"


class RepresentationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class AgencyRepresentative(models.Model):
    """A user who speaks for a government agency (G2G); an admin verifies the claim."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="agency_representations",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("agency"),
    )
    position = models.CharField(_("position"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RepresentationStatus.choices,
        default=RepresentationStatus.PENDING,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        verbose_name = _("agency representative")
        verbose_name_plural = _("agency representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"], name="accounts_one_representation_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.position}"

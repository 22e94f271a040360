"""Roles are Django groups; what a role may do is the permission list below.

Views check permissions (``user.has_perm``), never the role name, so a role's rights live here only.
"""

from django.contrib.auth.models import Group, Permission

from accounts.models import User

ROLE_PERMISSIONS = {
    User.Role.LEARNER: ["accounts.use_learner_space"],
    User.Role.HELPER: ["accounts.use_learner_space", "accounts.use_helper_space"],
    User.Role.OPERATOR: [
        "accounts.operate_partner",
        "accounts.view_partner_reports",
        "partners.view_partner",
        # Back-office (Django admin), scoped to the operator's partner by accounts.access.
        "accounts.view_user",
        "partners.view_structure",
        "partners.add_structure",
        "partners.change_structure",
        "partners.view_structurekind",
        "partners.view_importjob",
        "partners.add_importjob",
        "partners.view_sector",
        "helpers.view_helperprofile",
        "helpers.change_helperprofile",
        "helpers.view_membership",
        "helpers.change_membership",
        "training.view_trainingsession",
        "training.add_trainingsession",
        "training.change_trainingsession",
        "training.view_participation",
        "training.add_participation",
        "training.change_participation",
        "helpers.view_accompaniment",
        "helpers.add_accompaniment",
        "helpers.change_accompaniment",
        "helpers.delete_accompaniment",
        "courses.view_competence",
        "training.view_attestation",
        "training.change_attestation",
        "accounts.view_learnerprofile",
        "courses.view_course",
        "courses.add_course",
        "courses.change_course",
        "courses.view_step",
        "courses.add_step",
        "courses.change_step",
        "courses.delete_step",
        "courses.view_positioningquestion",
    ],
    User.Role.COORDINATOR: [
        "accounts.view_partner_reports",
        "accounts.view_programme_reports",
        "partners.view_partner",
        "partners.view_zonerule",
        "courses.view_competence",
        "courses.view_course",
        "courses.view_step",
        "courses.view_positioningresult",
        "reporting.view_programme",
        # Back-office: everything in read-only.
        "accounts.view_user",
        "partners.view_structure",
        "partners.view_structurekind",
        "partners.view_importjob",
        "partners.view_sector",
        "helpers.view_helperprofile",
        "helpers.view_membership",
        "training.view_trainingsession",
        "training.view_participation",
        "helpers.view_accompaniment",
        "training.view_attestation",
        "reporting.view_snapshot",
        "reporting.view_dailyplatformsessions",
    ],
}

STAFF_ROLES = {User.Role.OPERATOR, User.Role.COORDINATOR}


def _permissions(codenames):
    wanted = {tuple(name.split(".", 1)) for name in codenames}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={code for _, code in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def sync_role_groups(**kwargs):
    """Create one group per role and give it exactly its permissions (idempotent)."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set(_permissions(codenames))


# What a person may do, asked by the access layer (accounts.access) and views; roles are
# never compared by name outside this module.
def operates_partner(user):
    return user.has_perm("accounts.operate_partner")


def reads_every_partner(user):
    return user.has_perm("accounts.view_programme_reports")


def uses_helper_space(user):
    return user.has_perm("accounts.use_helper_space")


def is_staff_role(user):
    """Operators, coordinators and superusers: their accounts reach other people's data."""
    return bool(user.is_superuser or user.is_staff or user.role in STAFF_ROLES)


def is_helper(user):
    return user.role == User.Role.HELPER


def is_learner(user):
    return user.role == User.Role.LEARNER


def may_become_helper(user):
    """People who signed up with an e-mail address as learners, and helpers themselves.

    Staff keep their role, and learners with a login card (made by a helper, often without
    an e-mail address) cannot turn their account into a helper's.
    """
    if is_staff_role(user) or not user.email:
        return False
    if user.role == User.Role.HELPER:
        return True
    profile = getattr(user, "learner_profile", None)
    return user.role == User.Role.LEARNER and not (profile and profile.card_username)


def operators_of(partner_id):
    """The active operator staff of a partner who can be e-mailed."""
    return User.objects.filter(
        partner_id=partner_id, role=User.Role.OPERATOR, is_active=True, email__isnull=False
    ).order_by("pk")


def make_helper_role(user):
    """Give the helper role to someone who may become a helper (never to staff)."""
    from accounts.services import assign_role

    if not may_become_helper(user):
        raise ValueError("Only people who signed up with an e-mail address become helpers.")
    if user.role != User.Role.HELPER:
        assign_role(user=user, role=User.Role.HELPER)

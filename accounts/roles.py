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
        # Back-office (Django admin), scoped to the operator's partner by crosslearn.admin_scoping.
        "accounts.view_user",
        "partners.view_structure",
        "partners.add_structure",
        "partners.change_structure",
        "partners.view_structurekind",
        "partners.view_importjob",
        "partners.add_importjob",
        "helpers.view_sector",
        "helpers.view_helperprofile",
        "helpers.change_helperprofile",
        "helpers.view_trainingsession",
        "helpers.add_trainingsession",
        "helpers.change_trainingsession",
        "helpers.view_participation",
        "helpers.add_participation",
        "helpers.change_participation",
        "helpers.view_accompaniment",
        "helpers.add_accompaniment",
        "helpers.change_accompaniment",
        "helpers.delete_accompaniment",
        "courses.view_competence",
        "helpers.view_attestation",
        "helpers.change_attestation",
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
        "helpers.view_sector",
        "helpers.view_helperprofile",
        "helpers.view_trainingsession",
        "helpers.view_participation",
        "helpers.view_accompaniment",
        "helpers.view_attestation",
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

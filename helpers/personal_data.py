"""What the helpers app holds about a person, for the privacy registry (accounts.privacy).

Accompaniments stay without the person: the programme's figures count them. Free notes about
a learner may hold personal details, so they go with the learner.
"""

from accounts import privacy
from accounts.personal_data import iso, logged
from helpers.models import Accompaniment, Beneficiary, HelperProfile, Membership

privacy.link(HelperProfile, "user", privacy.DELETE)
privacy.link(Membership, "helper", privacy.DELETE)
privacy.link(Membership, "decided_by", privacy.UNLINK)
privacy.link(Accompaniment, "learner", privacy.UNLINK, blank=["notes"])
privacy.link(Accompaniment, "helper", privacy.UNLINK)
privacy.link(Accompaniment, "reviewed_by", privacy.UNLINK)
# A register entry stays, anonymous: the person still counts once in people_reached.
privacy.link(Beneficiary, "learner", privacy.UNLINK)
privacy.link(Beneficiary, "created_by", privacy.UNLINK)
logged(
    HelperProfile, lambda user: HelperProfile.objects.filter(user=user).values_list("pk", flat=True)
)
logged(Membership, lambda user: user.memberships.values_list("pk", flat=True))


@privacy.export("helper_profile")
def helper_profile(user):
    helper = HelperProfile.objects.filter(user=user).select_related("structure", "sector").first()
    if helper is None:
        return None
    return {
        "structure": helper.structure.name if helper.structure_id else None,
        "sector": helper.sector.code if helper.sector_id else None,
        "created_at": iso(helper.created_at),
    }


@privacy.export("memberships")
def memberships(user):
    return [
        {
            "structure": m.structure.name,
            "status": m.status,
            "requested_at": iso(m.requested_at),
            "decided_at": iso(m.decided_at),
        }
        for m in user.memberships.select_related("structure").order_by("requested_at")
    ]


@privacy.export("accompaniments_received")
def accompaniments_received(user):
    return [
        {
            "date": iso(item.date),
            "kind": item.kind,
            "duration_minutes": item.duration_minutes,
            "themes": sorted(t.code for t in item.themes.all()),
            "procedures": item.procedures,
            "autonomy": item.autonomy,
            "notes": item.notes,
        }
        for item in user.accompaniments_received.prefetch_related("themes").order_by("date")
    ]


@privacy.export("accompaniments_given")
def accompaniments_given(user):
    # The helper's own activity, without what concerns other people.
    return [
        {
            "ref": item.ref,
            "date": iso(item.date),
            "kind": item.kind,
            "participants": item.participants,
            "duration_minutes": item.duration_minutes,
            "place": item.place,
            "themes": sorted(t.code for t in item.themes.all()),
        }
        for item in user.accompaniments_given.prefetch_related("themes").order_by("date")
    ]

"""What the training app holds about a person, for the privacy registry (accounts.privacy).

Attendances stay without the person: the programme's figures (helpers trained) count them.
"""

from accounts import privacy
from accounts.personal_data import iso, logged
from training.models import Attestation, Participation

privacy.link(Participation, "person", privacy.UNLINK)
privacy.link(Participation, "marked_by", privacy.UNLINK)
privacy.link(Attestation, "helper", privacy.DELETE)
logged(
    Participation,
    lambda user: Participation.objects.filter(person=user).values_list("pk", flat=True),
)
logged(
    Attestation, lambda user: Attestation.objects.filter(helper=user).values_list("pk", flat=True)
)


@privacy.export("participations")
def participations(user):
    return [
        {
            "session": p.session.title,
            "starts_at": iso(p.session.starts_at),
            "booking": p.booking,
            "attendance": p.attendance,
        }
        for p in Participation.objects.filter(person=user).select_related("session")
    ]


@privacy.export("attestation")
def attestation(user):
    found = Attestation.objects.filter(helper=user).first()
    return found and {
        "holder_name": found.holder_name,
        "code": found.code,
        "stages": found.stages,
        "issued_at": iso(found.issued_at),
        "revoked": found.revoked,
    }

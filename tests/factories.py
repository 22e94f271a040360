import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import assign_role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    language = "fr"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def make_user(role, *, partner=None, **kwargs):
    user = UserFactory(**kwargs)
    return assign_role(user=user, role=role, partner=partner)

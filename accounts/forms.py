from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # allauth sends "you already have an account" instead of creating one; hash the
            # password anyway, so both answers take the same time (no address enumeration).
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

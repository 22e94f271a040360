"""The one gate of the helper space's views."""

from django.contrib.auth.decorators import permission_required

helper_required = permission_required("accounts.use_helper_space", raise_exception=True)

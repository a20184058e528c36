from kimitsu.organizations.access import memberships_of

from .navigation import sidebar


def workspace(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    context = {
        "my_memberships": memberships_of(user),
        "membership": membership,
        "org": getattr(request, "organization", None),
    }
    if membership is not None:
        context["nav"] = sidebar(membership)
    return context

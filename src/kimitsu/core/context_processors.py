from kimitsu.organizations.access import my_memberships

from .navigation import sidebar


def workspace(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    context = {
        "my_memberships": my_memberships(user),
        "membership": membership,
        "org": getattr(request, "organization", None),
    }
    if membership is not None:
        context["nav"] = sidebar(membership)
    return context

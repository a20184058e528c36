"""わたしのやること on the home page (kimitsu.core.panels)."""

from django.template.loader import render_to_string

from .selectors import tasks_of


def home_tasks(request, membership, obj=None) -> str:
    tasks = tasks_of(membership)
    return render_to_string(
        "reach/_my_tasks.html",
        {"tasks": tasks, "org": membership.organization, "membership": membership},
        request=request,
    )

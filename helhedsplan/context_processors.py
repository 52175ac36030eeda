from django.utils.functional import SimpleLazyObject

from .access import BOARD, PROJECT_LEADER, abilities, user_memberships

LAYOUTS = {
    PROJECT_LEADER: "layouts/leader.html",
    BOARD: "layouts/board.html",
}


def plan_context(request):
    """The plan, role and layout of the page, and the plans to switch between."""
    membership = getattr(request, "membership", None)
    context = {
        "current_plan": getattr(request, "plan", None),
        # Role-dependent markup asks `can` (helhedsplan.access.Abilities), never a role string.
        "can": abilities(request),
        "layout": LAYOUTS.get(membership.role, "layouts/worker.html") if membership else "base.html",
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Lazy, and shared with the access layer: a plan page has read them already.
        context["my_memberships"] = SimpleLazyObject(lambda: user_memberships(request))
    return context

"""The calendar page (the user's addresses) and the feeds themselves."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from helhedsplan.access import EVERYONE, plan_view

from .feeds import personal_events, plan_events, to_ical
from .models import CalendarFeed
from .services import active_feed, calendar_feed_create, calendar_feed_revoke


@require_GET
def calendar_feed(request):
    """A calendar client's subscription: the secret key (?key=, kept out of logs) is the only credential."""
    feed = (
        CalendarFeed.objects.select_related("user", "plan")
        .filter(token=request.GET.get("key", "") or None, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    if feed.plan is None:
        events = personal_events(feed.user)
        name = _("helhedsplan: my calendar")
    else:
        if not feed.user.memberships.filter(plan=feed.plan).exists():
            raise Http404  # no longer a member: the plan's feed is gone for them
        events = plan_events(feed.plan_id)
        name = _("helhedsplan: meetings of %(plan)s") % {"plan": feed.plan.name}
    response = HttpResponse(
        to_ical(events, name=name, base_url=base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="helhedsplan.ics"'
    return response


@plan_view(*EVERYONE, methods=("GET", "POST"))
def calendar_settings(request):
    """The user's two addresses: their own calendar, and this plan's meetings; make new ones or revoke."""
    if request.method == "POST":
        plan = request.plan if request.POST.get("scope") == "plan" else None
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(user=request.user, plan=plan)
            messages.success(request, _("The address has been revoked. Calendars using it get nothing more."))
        else:
            calendar_feed_create(user=request.user, plan=plan)
            messages.success(request, _("A new address has been made. An earlier one no longer works."))
        return redirect("agenda:calendar", plan_id=request.plan.pk)
    feeds = [
        (
            "personal",
            _("My calendar"),
            _("Bailiff's dates and tasks of your cases, and the meetings and course sessions of your plans."),
            active_feed(user=request.user),
        ),
        (
            "plan",
            _("The plan's meetings"),
            _("Network meetings, children's board meetings and course sessions of this plan."),
            active_feed(user=request.user, plan=request.plan),
        ),
    ]
    rows = [
        (scope, title, text, request.build_absolute_uri(feed.get_absolute_url()) if feed else "")
        for scope, title, text, feed in feeds
    ]
    return render(request, "agenda/calendar.html", {"rows": rows})

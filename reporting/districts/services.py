"""Writes of the district that matter: a shared meeting with its attendance per plan and partner."""

from django.db import transaction

from .models import SharedMeeting, SharedMeetingPartner, SharedMeetingPlan


@transaction.atomic
def shared_meeting_save(
    *, meeting: SharedMeeting, plans: dict[int, tuple[bool, int, str]], parties: dict[int, int]
) -> SharedMeeting:
    """Save the meeting and replace its rows: one per plan invited or present, one per partner present.

    A plan neither invited nor present gets no row, so it neither counts as invited nor attended.
    """
    meeting.save()
    meeting.plan_rows.all().delete()
    SharedMeetingPlan.objects.bulk_create(
        SharedMeetingPlan(
            meeting=meeting, plan_id=plan_id, invited=invited, attendees=n, agenda_points=points
        )
        for plan_id, (invited, n, points) in plans.items()
        if invited or n
    )
    meeting.partner_rows.all().delete()
    SharedMeetingPartner.objects.bulk_create(
        SharedMeetingPartner(meeting=meeting, party_id=party_id, attendees=n)
        for party_id, n in parties.items()
        if n
    )
    return meeting

"""Status note pages. The board reaches only the published notes of its plan and their exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from helhedsplan.access import BOARD, EVERYONE, LEADER, TEAM, get_in_plan, has_role, plan_view

from . import exports, services
from .forms import CriterionBarrierForm, NoteCreateForm, SectionForm, SummaryForm
from .models import VISIBLE_TO_BOARD, CriterionBarrier, NoteSection, NoteStatus, StatusNote
from .selectors import (
    board_figures,
    group_by_initiative,
    next_step,
    note_figures,
    notes_for,
    with_barriers,
    workflow,
)

#: The session key that carries a refused approval's identity hits to the note page.
IDENTITY_HITS = "notes_identity_hits"


def _note(request, pk) -> StatusNote:
    """The note, scoped to the plan; a board member finds only published notes."""
    qs = StatusNote.objects.select_related(
        "plan", "supersedes", "created_by", "submitted_by", "approved_by", "published_by"
    )
    if has_role(request, BOARD):
        qs = qs.filter(status__in=VISIBLE_TO_BOARD)
    return get_in_plan(request, qs, pk=pk)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@plan_view(*EVERYONE)
def note_list(request):
    board = has_role(request, BOARD)
    return render(request, "notes/note_list.html", {"notes": list(notes_for(request.plan, board=board))})


@plan_view(*LEADER, methods=("GET", "POST"))
def note_create(request):
    form = NoteCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(
                plan=request.plan,
                year=form.cleaned_data["year"],
                period=form.cleaned_data["period"],
                created_by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The note is drafted from today's figures."))
            return redirect(note)
    return render(request, "notes/note_form.html", {"form": form, "title": _("New status note")})


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        for e in errors:
            form.add_error(field if field in form.fields else None, e)


@plan_view(*EVERYONE)
def note_detail(request, pk):
    note = _note(request, pk)
    sections = list(note.sections.select_related("initiative__focus_area", "written_by"))
    figures = with_barriers(board_figures(note_figures(note)), note.criterion_barriers.all())
    leader = has_role(request, *LEADER)
    kinds = {"name": _("name"), "address": _("address"), "phone": _("phone number"), "email": _("e-mail")}
    hits = [
        {**hit, "kind_label": kinds.get(hit["kind"], hit["kind"])}
        for hit in request.session.pop(IDENTITY_HITS, [])
    ]
    return render(
        request,
        "notes/note_detail.html",
        {
            "identity_hits": hits if not has_role(request, BOARD) else [],
            "note": note,
            "figures": figures,
            "groups": group_by_initiative(figures["criteria"], sections),
            "sections": sections,
            "can_edit_barriers": has_role(request, *TEAM)
            and note.status in (NoteStatus.DRAFT, NoteStatus.SUBMITTED),
            "workflow": workflow(note),
            "next_step": next_step(note, leader=leader),
            "small_number_note": exports.small_number_note(),
            "superseded_by": StatusNote.objects.filter(supersedes=note).first(),
        },
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def note_summary_edit(request, pk):
    note = _note(request, pk)
    form = SummaryForm(request.POST or None, initial={"summary": note.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_summary_write(note=note, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect(note)
    return render(request, "notes/note_form.html", {"form": form, "note": note, "title": _("Summary")})


@plan_view(*TEAM, methods=("GET", "POST"))
def section_edit(request, pk, section_pk):
    note = _note(request, pk)
    section = get_in_plan(
        request,
        NoteSection.objects.select_related("initiative"),
        plan_path="note__plan",
        note=note,
        pk=section_pk,
    )
    if not note.is_editable:
        messages.error(request, _("Only a draft can be edited."))
        return redirect(note)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.note_section_write(
                section=section,
                progress=data["progress"],
                no_barriers=data["no_barriers"],
                barriers=data["barriers"],
                next_steps=data["next_steps"],
                written_by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(note)
    return render(
        request, "notes/note_form.html", {"form": form, "note": note, "title": str(section.initiative)}
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def criterion_barrier_edit(request, pk, code):
    """What stands in the way of one criterion; the project leader may sign off that nothing does."""
    note = _note(request, pk)
    if note.status not in (NoteStatus.DRAFT, NoteStatus.SUBMITTED):
        messages.error(request, _("Only a draft or a submitted note can be edited."))
        return redirect(note)
    figures = board_figures(note_figures(note))
    criterion = next((c for c in figures["criteria"] if c["code"] == code), None)
    if criterion is None:
        raise Http404
    statement = CriterionBarrier.objects.filter(note=note, code=code).first() or CriterionBarrier(
        note=note, code=code
    )
    leader = has_role(request, *LEADER)
    form = CriterionBarrierForm(request.POST or None, instance=statement, may_sign_off=leader)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_barrier_write(
                note=note,
                code=code,
                barriers=form.cleaned_data["barriers"],
                no_barrier=form.cleaned_data.get("no_barrier", False),
                written_by=request.user,
                may_sign_off=leader,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(note)
    title = _("Barriers: %(code)s %(title)s") % {"code": code, "title": criterion["title"]}
    return render(
        request,
        "notes/note_form.html",
        {"form": form, "note": note, "title": title, "criterion": criterion},
        status=400 if request.method == "POST" else 200,
    )


def _transition(request, pk, service, success: str):
    note = _note(request, pk)
    try:
        result = service(note=note, by=request.user)
    except services.IdentityFound as error:
        _refused(request, error)
        request.session[IDENTITY_HITS] = error.hits
        return redirect(note)
    except ValidationError as error:
        _refused(request, error)
        return redirect(note)
    request.session.pop(IDENTITY_HITS, None)
    messages.success(request, success)
    return redirect(result)


@plan_view(*TEAM, methods=("POST",))
def note_submit(request, pk):
    return _transition(request, pk, services.note_submit, _("The note is submitted to the project leader."))


@plan_view(*LEADER, methods=("POST",))
def note_reopen(request, pk):
    return _transition(request, pk, services.note_reopen, _("The note is back in draft."))


@plan_view(*LEADER, methods=("POST",))
def note_approve(request, pk):
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the figures may be frozen."))
        return redirect(_note(request, pk))
    return _transition(
        request, pk, services.note_approve, _("The note is approved and its figures are frozen.")
    )


@plan_view(*LEADER, methods=("POST",))
def note_publish(request, pk):
    return _transition(request, pk, services.note_publish, _("The note is published to the board."))


@plan_view(*LEADER, methods=("POST",))
def note_supersede(request, pk):
    return _transition(
        request,
        pk,
        services.note_supersede,
        _("A new version is drafted; the published note stays until it is replaced."),
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(request, pk, kind: str):
    note = _note(request, pk)
    data = exports.note_content(note)
    if kind == "pdf":
        return _download(
            exports.note_pdf(data, request=request), exports.filename(note, "pdf"), "application/pdf"
        )
    if kind == "docx":
        return _download(exports.note_docx(data), exports.filename(note, "docx"), exports.DOCX_TYPE)
    if kind == "xlsx":
        return _download(exports.note_xlsx(data), exports.filename(note, "xlsx"), exports.XLSX_TYPE)
    raise Http404


@plan_view(*EVERYONE)
def export_pdf(request, pk):
    return _export(request, pk, "pdf")


@plan_view(*EVERYONE)
def export_docx(request, pk):
    return _export(request, pk, "docx")


@plan_view(*EVERYONE)
def export_xlsx(request, pk):
    return _export(request, pk, "xlsx")

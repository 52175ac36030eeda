"""The one create/edit page every record of a plan shares."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def edit_page(
    request,
    *,
    form_class,
    title: str,
    success_url: str | Callable,
    instance=None,
    save: Callable | None = None,
    cancel_url: str | None = None,
    template: str = "helhedsplan/form.html",
    context: dict | None = None,
    message: str | None = None,
    **form_kwargs,
):
    """Show the form; on a valid POST save it (with `save(form)` if given) and redirect.

    `success_url` may be a callable taking the saved object (e.g. its detail page).
    """
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, **form_kwargs)
        if form.is_valid():
            obj = save(form) if save else form.save()
            messages.success(request, message or _("Saved."))
            return redirect(success_url(obj) if callable(success_url) else success_url)
    else:
        form = form_class(instance=instance, **form_kwargs)
    if cancel_url is None:
        cancel_url = success_url(instance) if callable(success_url) else success_url
    return render(
        request, template, {"form": form, "title": title, "cancel_url": cancel_url, **(context or {})}
    )

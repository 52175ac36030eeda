"""A small helper for the many create/edit pages of plan data."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def edit_page(request, *, form_class, title, success_url, instance=None, cancel_url=None, **form_kwargs):
    """Render a form page; on a valid POST save it and go to `success_url`."""
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, **form_kwargs)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect(success_url)
    else:
        form = form_class(instance=instance, **form_kwargs)
    return render(
        request,
        "helhedsplan/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url or success_url},
    )

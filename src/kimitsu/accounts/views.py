import base64
import io
import math

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from kimitsu.organizations import services as org_services

from .forms import (
    AcceptInvitationForm,
    AccountSettingsForm,
    EmailAuthenticationForm,
    SetupForm,
    TokenForm,
)
from .middleware import has_confirmed_device, requires_two_factor
from .models import User
from .services import record_user_event, second_factor_check, two_factor_disable

# The language someone chose before logging in (on the log-in page), kept in their session.
CHOSEN_LANGUAGE = "kimitsu_language_chosen"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # a language chosen on this page, before logging in, is the person's choice: it becomes
        # their saved one instead of being overridden by it
        chosen = self.request.session.pop(CHOSEN_LANGUAGE, None)
        response = super().form_valid(form)
        user = form.get_user()
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            User.objects.filter(pk=user.pk).update(language=chosen)
            user.language = chosen
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request, default="core:home"):
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, {request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse(default)


def _second_factor_passed(request, device) -> None:
    """Mark the session as verified and give it a new key, so that a key seen before the second
    factor (on a shared computer, in a log) is worth nothing after it."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
def otp_verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait_until = second_factor_check(request.user, form.cleaned_data["token"])
        if device is not None:
            _second_factor_passed(request, device)
            return HttpResponseRedirect(_safe_next(request))
        if wait_until is not None:
            seconds = max(1, math.ceil((wait_until - timezone.now()).total_seconds()))
            form.add_error(
                "token",
                ngettext(
                    "Too many wrong codes. Wait %(seconds)s second (until %(time)s) and try "
                    "again with the newest code.",
                    "Too many wrong codes. Wait %(seconds)s seconds (until %(time)s) and try "
                    "again with the newest code.",
                    seconds,
                )
                % {
                    "seconds": seconds,
                    "time": timezone.localtime(wait_until).strftime("%H:%M:%S"),
                },
            )
        else:
            record_user_event("auth.otp_failed", request.user, actor=request.user)
            form.add_error(
                "token", _("The code is not correct or has expired. Try the newest code.")
            )
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


def _qr_svg(data: str) -> str:
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@login_required
def otp_setup(request):
    user = request.user
    if has_confirmed_device(user) and not user.is_verified():
        return redirect("accounts:otp_verify")
    if has_confirmed_device(user):
        messages.info(request, _("Two-factor authentication is already enabled."))
        return redirect("accounts:settings")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = SetupForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            _second_factor_passed(request, device)
            record_user_event("auth.2fa_enabled", user, actor=user)
            messages.success(request, _("Two-factor authentication is now enabled."))
            return redirect("core:home")
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": requires_two_factor(user),
        },
    )


@login_required
@require_POST
def otp_disable(request):
    try:
        two_factor_disable(user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("accounts:settings")
    messages.success(request, _("Two-factor authentication is disabled."))
    return redirect("accounts:settings")


@login_required
def account_settings(request):
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings were saved."))
        response = redirect("accounts:settings")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language, samesite="Lax")
        return response
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "has_2fa": has_confirmed_device(request.user),
            "requires_2fa": requires_two_factor(request.user),
            "has_token": Token.objects.filter(user=request.user).exists(),
            "new_token": request.session.pop("new_api_token", None),
        },
    )


@login_required
@require_POST
def api_token(request):
    with transaction.atomic():
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        record_user_event("auth.api_token_created", request.user, actor=request.user)
    request.session["new_api_token"] = token.key
    return redirect("accounts:settings")


@require_POST
def set_language(request):
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(language=language)
    else:
        request.session[CHOSEN_LANGUAGE] = language
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", max_age=365 * 24 * 3600
    )
    return response


def accept_invitation(request, token):
    invitation = org_services.invitation_by_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
    ctx = {"invitation": invitation, "existing": existing}
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            ctx["wrong_user"] = True
            return render(request, "accounts/invitation.html", ctx, status=403)
        if request.method == "POST":
            org_services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(request, _("You joined %(org)s.") % {"org": invitation.organization})
            return redirect("organizations:home", org_slug=invitation.organization.slug)
        return render(request, "accounts/invitation.html", ctx)
    if existing is not None:
        return render(request, "accounts/invitation.html", ctx)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    email=invitation.email,
                    password=form.cleaned_data["password1"],
                    display_name=form.cleaned_data["display_name"],
                    language=getattr(request, "LANGUAGE_CODE", "ja"),
                )
                org_services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to kimitsu."))
            return redirect("core:home")
    ctx["form"] = form
    return render(request, "accounts/invitation.html", ctx)


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:settings"),
)

"""State changes of workspaces, departments, people, members and invitations.

Every function here is keyword-only, atomic, and writes its audit event in the same transaction.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.forms.models import model_to_dict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit
from kimitsu.audit.models import ChainHead

from .access import Perm, require
from .choices import COMPANY_ROLES, DESK_ROLES, OrgKind, Role
from .models import Department, Invitation, Membership, Organization, Person
from .selectors import can_manage_person, department_descendant_ids, department_sibling_named

INVITATION_DAYS = 14

PROFILE_FIELDS = [
    "name",
    "name_kana",
    "corporate_number",
    "prefecture",
    "industry",
    "employee_count",
    "fiscal_year_start_month",
    "use_wareki",
    "postal_code",
    "address",
    "representative_title",
    "representative_name",
    "contract_signing",
    "pledge_seal",
    "region",
    "contact",
    "hours",
]
DEPARTMENT_FIELDS = ["name", "code", "parent", "sort_order"]
PERSON_FIELDS = [
    "employee_number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "department",
    "job_title",
    "email",
    "status",
    "joined_on",
    "left_on",
    "user",
]


def snapshot(obj, fields) -> dict:
    return audit.to_jsonable(model_to_dict(obj, fields=fields))


def _validated_save(obj, **kwargs):
    obj.full_clean(**kwargs)
    obj.save()
    return obj


# --- workspaces ---------------------------------------------------------------------------


@transaction.atomic
def organization_create(*, actor, slug: str, name: str, kind: str, **profile) -> Organization:
    org = Organization(slug=slug, name=name, kind=kind, **profile)
    _validated_save(org)
    ChainHead.objects.get_or_create(chain=audit.chain_for(org))
    audit.record(
        event_type="organization.created",
        organization=org,
        actor=actor,
        obj=org,
        after=snapshot(org, PROFILE_FIELDS + ["slug", "kind"]),
    )
    return org


@transaction.atomic
def organization_update(*, actor, membership: Membership, data: dict) -> Organization:
    require(membership, Perm.PROFILE_EDIT)
    org = Organization.objects.select_for_update().get(pk=membership.organization_id)
    before = snapshot(org, PROFILE_FIELDS)
    for key, value in data.items():
        if key in PROFILE_FIELDS:
            setattr(org, key, value)
    _validated_save(org)
    b, a = audit.diff(before, snapshot(org, PROFILE_FIELDS))
    if a:
        audit.record(
            event_type="organization.updated",
            organization=org,
            actor=actor,
            obj=org,
            before=b,
            after=a,
        )
    return org


# --- departments --------------------------------------------------------------------------


def duplicate_name_message(parent: Department | None, name: str, existing: Department) -> str:
    if parent is None:
        return _("There is already a top-level department named “%(name)s”.") % {
            "name": existing.name
        }
    return _("“%(parent)s” already has a department named “%(name)s”.") % {
        "parent": parent.name,
        "name": existing.name,
    }


def _check_name(org: Organization, parent: Department | None, name: str, dept=None):
    """Names are unique among siblings, so that every drop-down and every import that names a
    department finds one (compared as ``department_name_key`` does)."""
    existing = department_sibling_named(org, parent, name, exclude=dept)
    if existing is not None:
        raise ValidationError({"name": duplicate_name_message(parent, name, existing)})


def _check_parent(org: Organization, parent: Department | None, dept: Department | None = None):
    if parent is None:
        return
    if parent.organization_id != org.pk:
        raise ValidationError({"parent": _("The parent department must be in this workspace.")})
    if dept is not None and dept.pk and parent.pk in department_descendant_ids(org, [dept.pk]):
        raise ValidationError({"parent": _("A department cannot be placed under itself.")})


@transaction.atomic
def department_create(
    *, actor, membership: Membership, name: str, parent=None, code="", sort_order=0
) -> Department:
    require(membership, Perm.DEPARTMENTS_MANAGE)
    org = membership.organization
    name = (name or "").strip()
    _check_parent(org, parent)
    _check_name(org, parent, name)
    dept = Department(
        organization=org, name=name, parent=parent, code=code, sort_order=sort_order or 0
    )
    _validated_save(dept)
    audit.record(
        event_type="department.created",
        organization=org,
        actor=actor,
        obj=dept,
        after=snapshot(dept, DEPARTMENT_FIELDS),
    )
    return dept


@transaction.atomic
def department_update(
    *, actor, membership: Membership, department: Department, data: dict
) -> Department:
    require(membership, Perm.DEPARTMENTS_MANAGE)
    org = membership.organization
    if department.organization_id != org.pk:
        raise PermissionDenied
    before = snapshot(department, DEPARTMENT_FIELDS)
    for key, value in data.items():
        if key in DEPARTMENT_FIELDS:
            setattr(department, key, value)
    department.name = (department.name or "").strip()
    _check_parent(org, department.parent, department)
    _check_name(org, department.parent, department.name, department)
    _validated_save(department)
    b, a = audit.diff(before, snapshot(department, DEPARTMENT_FIELDS))
    if a:
        audit.record(
            event_type="department.updated",
            organization=org,
            actor=actor,
            obj=department,
            before=b,
            after=a,
        )
    return department


@transaction.atomic
def department_delete(*, actor, membership: Membership, department: Department) -> None:
    require(membership, Perm.DEPARTMENTS_MANAGE)
    org = membership.organization
    if department.organization_id != org.pk:
        raise PermissionDenied
    if department.children.exists() or department.people.exists() or department.managers.exists():
        raise ValidationError(
            _("This department still has sub-departments, people or managers; move them first.")
        )
    before = snapshot(department, DEPARTMENT_FIELDS)
    audit.record(
        event_type="department.deleted",
        organization=org,
        actor=actor,
        obj=department,
        before=before,
    )
    department.delete()


# --- people -------------------------------------------------------------------------------


def _check_person_scope(membership: Membership, person: Person):
    if person.department_id and person.department.organization_id != membership.organization_id:
        raise ValidationError({"department": _("The department must be in this workspace.")})
    if not can_manage_person(membership, person):
        raise PermissionDenied


@transaction.atomic
def person_create(*, actor, membership: Membership, data: dict) -> Person:
    require(membership, Perm.PEOPLE_MANAGE)
    person = Person(organization=membership.organization)
    for key, value in data.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value)
    _check_person_scope(membership, person)
    _validated_save(person)
    audit.record(
        event_type="person.created",
        organization=membership.organization,
        actor=actor,
        obj=person,
        after=snapshot(person, PERSON_FIELDS),
    )
    return person


@transaction.atomic
def person_update(*, actor, membership: Membership, person: Person, data: dict) -> Person:
    require(membership, Perm.PEOPLE_MANAGE)
    if person.organization_id != membership.organization_id:
        raise PermissionDenied
    _check_person_scope(membership, person)  # may the actor touch the person as they are?
    before = snapshot(person, PERSON_FIELDS)
    for key, value in data.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value)
    _check_person_scope(membership, person)  # …and as they will be?
    _validated_save(person)
    b, a = audit.diff(before, snapshot(person, PERSON_FIELDS))
    if a:
        event = "person.status_changed" if "status" in a else "person.updated"
        audit.record(
            event_type=event,
            organization=membership.organization,
            actor=actor,
            obj=person,
            before=b,
            after=a,
        )
    return person


# --- members and invitations --------------------------------------------------------------


def roles_for(org: Organization) -> list:
    return COMPANY_ROLES if org.kind == OrgKind.COMPANY else DESK_ROLES


def _check_role(org: Organization, role: str, department):
    if role not in roles_for(org):
        raise ValidationError({"role": _("This role does not exist in this kind of workspace.")})
    if role == Role.MANAGER and department is None:
        raise ValidationError({"department": _("A department manager needs a department.")})
    if department is not None and department.organization_id != org.pk:
        raise ValidationError({"department": _("The department must be in this workspace.")})


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, actor, membership: Membership, email: str, role: str, department=None, person=None, send=True
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link. Returns the invitation and the raw token."""
    require(membership, Perm.MEMBERS_MANAGE)
    org = membership.organization
    email = email.strip().lower()
    _check_role(org, role, department)
    if person is not None and person.organization_id != org.pk:
        raise ValidationError({"person": _("The person must be in this workspace.")})
    if Membership.objects.filter(
        organization=org, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the workspace.")})
    invitation, token = _invite(
        org, email=email, role=role, department=department, person=person, actor=actor
    )
    if send:
        link = f"{settings.KIMITSU_BASE_URL}/accounts/invite/{token}/"
        with translation.override("ja"):
            body = render_to_string(
                "organizations/email/invitation.txt",
                {
                    "organization": org,
                    "inviter": actor,
                    "link": link,
                    "role": invitation.get_role_display(),
                    "days": INVITATION_DAYS,
                },
            )
            subject = _("[kimitsu] Invitation to %(org)s") % {"org": org.name}
        transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, token


@transaction.atomic
def workspace_open(*, slug: str, name: str, kind: str, admin_email: str) -> tuple[Invitation, str]:
    """For the operator (``kimitsu workspace create``): a new workspace and the invitation of its
    first administrator, who sets a password and an authenticator on accepting it. Returns the
    invitation and its raw token (the link is printed for the operator, and e-mailed)."""
    org = organization_create(actor=None, slug=slug, name=name, kind=kind)
    role = Role.DESK_ADMIN if kind == OrgKind.DESK else Role.ADMIN
    return _invite(org, email=admin_email.strip().lower(), role=role, actor=None)


def _invite(org, *, email: str, role: str, actor, department=None, person=None):
    """The invitation row and its audit event; the raw token is returned, only its hash kept."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=org,
        email=email,
        role=role,
        department=department,
        person=person,
        token_hash=_token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    audit.record(
        event_type="invitation.created",
        organization=org,
        actor=actor,
        obj=invitation,
        after={"email": email, "role": role, "department": department.pk if department else None},
    )
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    inv = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if inv is None or inv.accepted_at or inv.revoked_at or inv.expires_at < timezone.now():
        return None
    return inv


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    inv = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if inv.accepted_at or inv.revoked_at or inv.expires_at < timezone.now():
        raise ValidationError(_("This invitation is no longer valid."))
    if user.email.lower() != inv.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organization=inv.organization,
        defaults={"role": inv.role, "department": inv.department, "is_active": True},
    )
    if inv.person_id:
        membership.person_id = inv.person_id
        membership.save(update_fields=["person"])
        Person.objects.filter(pk=inv.person_id, user__isnull=True).update(user=user)
    inv.accepted_at = timezone.now()
    inv.save(update_fields=["accepted_at"])
    audit.record(
        event_type="invitation.accepted",
        organization=inv.organization,
        actor=user,
        obj=membership,
        after={"email": user.email, "role": inv.role},
    )
    return membership


@transaction.atomic
def invitation_revoke(*, actor, membership: Membership, invitation: Invitation) -> None:
    require(membership, Perm.MEMBERS_MANAGE)
    if invitation.organization_id != membership.organization_id:
        raise PermissionDenied
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        event_type="invitation.revoked",
        organization=membership.organization,
        actor=actor,
        obj=invitation,
        before={"email": invitation.email},
    )


@transaction.atomic
def member_update(
    *,
    actor,
    membership: Membership,
    member: Membership,
    role: str,
    department=None,
    is_active: bool = True,
    person=...,
) -> Membership:
    """Change a member's role, department, activity and (``person``) the people-register entry
    the account is; ``...`` leaves the entry as it is."""
    require(membership, Perm.MEMBERS_MANAGE)
    org = membership.organization
    if member.organization_id != org.pk:
        raise PermissionDenied
    _check_role(org, role, department if role == Role.MANAGER else None)
    admin_role = Role.ADMIN if org.kind == OrgKind.COMPANY else Role.DESK_ADMIN
    losing_admin = member.role == admin_role and (role != admin_role or not is_active)
    if (
        losing_admin
        and not Membership.objects.filter(organization=org, role=admin_role, is_active=True)
        .exclude(pk=member.pk)
        .exists()
    ):
        raise ValidationError(_("A workspace must keep at least one active administrator."))
    before = {
        "role": member.role,
        "department": member.department_id,
        "is_active": member.is_active,
        "person": member.person_id,
    }
    if person is not ...:
        if person is not None and (
            person.organization_id != org.pk
            or (person.user_id and person.user_id != member.user_id)
        ):
            raise ValidationError({"person": _("This person is linked to another account.")})
        if member.person_id and (person is None or person.pk != member.person_id):
            Person.objects.filter(pk=member.person_id, user=member.user).update(user=None)
        member.person = person
        if person is not None:
            Person.objects.filter(pk=person.pk).update(user=member.user)
    member.role = role
    member.department = department if role == Role.MANAGER else None
    member.is_active = is_active
    member.save()
    after = {
        "role": member.role,
        "department": member.department_id,
        "is_active": member.is_active,
        "person": member.person_id,
    }
    b, a = audit.diff(before, after)
    if a:
        audit.record(
            event_type="membership.updated",
            organization=org,
            actor=actor,
            obj=member,
            before=b,
            after=a,
        )
    return member


@transaction.atomic
def membership_add(
    *, actor, organization: Organization, user, role: str, department=None, person=None
) -> Membership:
    """Add a user to a workspace directly (set-up and demo; people use invitations)."""
    _check_role(organization, role, department)
    membership, created = Membership.objects.get_or_create(
        user=user,
        organization=organization,
        defaults={"role": role, "department": department, "person": person},
    )
    if created:
        audit.record(
            event_type="membership.created",
            organization=organization,
            actor=actor,
            obj=membership,
            after={"email": user.email, "role": role},
        )
    return membership

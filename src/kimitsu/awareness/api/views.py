from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kimitsu.api.base import WorkspaceAPIMixin
from kimitsu.core.steps import seven_steps
from kimitsu.organizations.access import has_perm
from kimitsu.organizations.choices import OrgKind
from kimitsu.organizations.models import Department

from .. import integrations, scoring, selectors, services
from .. import permissions as P
from .serializers import (
    AttendanceSerializer,
    DecisionSerializer,
    SelfCheckCreateSerializer,
    SelfCheckSerializer,
    TrainingSerializer,
)


class Base(WorkspaceAPIMixin):
    org_kind = OrgKind.COMPANY


class Roadmap(Base, APIView):
    """The seven steps with status, evidence and next action, plus the dashboard's figures."""

    read_permission = P.VIEW

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, *args, **kwargs):
        steps = [
            {
                "number": s.number,
                "title": str(s.title),
                "status": s.status,
                "evidence": [str(e) for e in s.evidence],
                "next_action": str(s.next_action),
                "done_when": str(s.done_when),
                "url": s.url,
            }
            for s in seven_steps(self.org, self.membership)
        ]
        data = {"steps": steps}
        if has_perm(self.membership, P.RESULTS_VIEW):
            data["training_coverage"] = selectors.training_coverage(self.org)
            data["register"] = integrations.register_counts(self.org)
            data["pledges"] = integrations.pledge_counts(self.membership)
        return Response(data)


class CheckList(Base, generics.ListAPIView):
    read_permission = P.RESULTS_VIEW
    write_permission = P.CHECK_ANSWER
    serializer_class = SelfCheckSerializer

    def get_queryset(self):
        return selectors.check_list(self.membership, self.request.query_params.get("kind"))

    @extend_schema(request=SelfCheckCreateSerializer, responses={201: SelfCheckSerializer})
    def post(self, request, *args, **kwargs):
        serializer = SelfCheckCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        department = None
        if data.get("department"):
            department = Department.objects.filter(
                organization=self.org, pk=data["department"]
            ).first()
            if department is None:
                raise ValidationError({"department": ["No such department."]})
        check = services.selfcheck_record(
            actor=request.user,
            membership=self.membership,
            kind=data["kind"],
            answers=data["answers"],
            department=department,
            answered_on=data.get("answered_on"),
        )
        return Response(SelfCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class CheckDetail(Base, APIView):
    read_permission = P.RESULTS_VIEW

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, *args, **kwargs):
        check = selectors.check_get(self.membership, kwargs["pk"])
        data = SelfCheckSerializer(check).data
        if check.kind != "quick":
            data["groups"] = [
                {
                    "code": str(g.code),
                    "title": str(g.title),
                    "score": g.score,
                    "max_score": g.max_score,
                    "percent": g.percent,
                    "unknown": g.unknown,
                }
                for g in scoring.group_scores(check.kind, check.answers)
            ]
        return Response(data)


class SecuritySummary(Base, APIView):
    read_permission = P.RESULTS_VIEW

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, *args, **kwargs):
        agg = scoring.aggregate_departments(selectors.latest_security_by_department(self.org))
        return Response(
            {
                # the company's figure as every page shows it (whole points, rounded half up)
                # and its band; "mean" is the exact mean, to two decimals
                "average": agg.average,
                "band": agg.standing.code if agg.standing else None,
                "mean": scoring.half_up(agg.mean, 2) if agg.mean is not None else None,
                "departments": [
                    {
                        "department": d.pk,
                        "name": d.name,
                        "score": c.score,
                        "answered_on": c.answered_on,
                    }
                    for d, c in agg.departments
                ],
                "per_question": agg.per_question,
            }
        )


class TrainingList(Base, generics.ListAPIView):
    read_permission = P.RESULTS_VIEW
    write_permission = P.TRAINING_MANAGE
    serializer_class = TrainingSerializer

    def get_queryset(self):
        return selectors.training_list(self.membership)

    @extend_schema(responses={201: TrainingSerializer})
    def post(self, request, *args, **kwargs):
        serializer = TrainingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.training_create(
            actor=request.user, membership=self.membership, data=dict(serializer.validated_data)
        )
        session.attendee_count = 0
        return Response(TrainingSerializer(session).data, status=status.HTTP_201_CREATED)


class TrainingDetail(Base, APIView):
    read_permission = P.RESULTS_VIEW

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, *args, **kwargs):
        session = selectors.training_list(self.membership).filter(pk=kwargs["pk"]).first()
        if session is None:
            from django.http import Http404

            raise Http404
        data = TrainingSerializer(session).data
        data.update(selectors.training_figures(session))
        if not has_perm(self.membership, P.PEOPLE_VIEW):
            return Response(data)
        data["attendance"] = AttendanceSerializer(
            selectors.attendance_list(self.membership, session), many=True
        ).data
        results = selectors.quiz_results(self.membership, session)
        data["quiz"] = [
            {"person": r.person_id, "score": r.score, "total": r.total} for r in results.values()
        ]
        return Response(data)


class DecisionList(Base, generics.ListAPIView):
    read_permission = P.DECISION_VIEW
    write_permission = P.DECISION_MANAGE
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return selectors.decision_list(self.membership)

    @extend_schema(responses={201: DecisionSerializer})
    def post(self, request, *args, **kwargs):
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = services.decision_create(
            actor=request.user,
            membership=self.membership,
            title=data["title"],
            answers=data.get("answers") or {},
            register_entry_id=data.get("register_entry_id"),
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class DecisionDetail(Base, generics.RetrieveAPIView):
    read_permission = P.DECISION_VIEW
    serializer_class = DecisionSerializer

    def get_object(self):
        return selectors.decision_get(self.membership, self.kwargs["pk"])

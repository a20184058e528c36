"""What each company role may do in the awareness app (merged by organizations.access)."""

from kimitsu.organizations.choices import Role

VIEW = "awareness.view"  # learning pages, the roadmap, the comprehension quiz
RESULTS_VIEW = "awareness.results.view"  # dashboard, self-check results, training figures
PEOPLE_VIEW = "awareness.people.view"  # who attended, their quiz scores, who is missing
CHECK_ANSWER = "awareness.check.answer"  # answer self-checks
CHECK_ANSWER_ALL = "awareness.check.answer_all"  # company-wide checks, any department
TRAINING_MANAGE = "awareness.training.manage"
DECISION_VIEW = "awareness.decision.view"
DECISION_MANAGE = "awareness.decision.manage"

ROLE_PERMISSIONS = {
    Role.ADMIN: {
        VIEW,
        RESULTS_VIEW,
        PEOPLE_VIEW,
        CHECK_ANSWER,
        CHECK_ANSWER_ALL,
        TRAINING_MANAGE,
        DECISION_VIEW,
        DECISION_MANAGE,
    },
    # A manager answers the security check for the departments they manage.
    Role.MANAGER: {VIEW, RESULTS_VIEW, PEOPLE_VIEW, CHECK_ANSWER},
    Role.MEMBER: {VIEW},
    Role.AUDITOR: {VIEW, RESULTS_VIEW, PEOPLE_VIEW, DECISION_VIEW},
    # The desk's advisor follows progress (figures, not people: DOMAIN.md §1) and may look at
    # the patent-or-secret decisions they help with.
    Role.ADVISOR: {VIEW, RESULTS_VIEW, DECISION_VIEW},
}

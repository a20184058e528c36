from .checks import (  # noqa: F401
    CheckDetailView,
    CheckListView,
    CheckNewView,
    CheckPdfView,
    SecuritySummaryView,
)
from .dashboard import DashboardView, LearnView, RoadmapView  # noqa: F401
from .decisions import DecisionCreateView, DecisionDetailView, DecisionListView  # noqa: F401
from .quiz import QuestionEditView, QuestionListView  # noqa: F401
from .training import (  # noqa: F401
    MissingView,
    QuizView,
    TrainingDetailView,
    TrainingEditView,
    TrainingImportView,
    TrainingListView,
)

"""Which budget the benchmark measures: the largest department's, the hardest page
of each kind. Summed here from its lines rather than through the app's own totals,
which are being reworked: the bench must not depend on what it measures."""

from django.db.models import Sum

from apps.budgets.models import Budget, Phase


def largest_budget(year: int) -> Budget:
    published = (
        Budget.objects.published().filter(year=year, phase=Phase.BUDGET).select_related("department__government")
    )
    return published.annotate(lines_total=Sum("functionlines__amount")).order_by("-lines_total", "pk").first()

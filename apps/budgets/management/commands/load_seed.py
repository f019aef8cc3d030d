from datetime import datetime
from io import StringIO

from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db.models import Model
from django.utils import timezone

from apps.budgets.models import Budget, BudgetQuerySet, Phase
from apps.budgets.seed import load_beside, same_row
from apps.budgets.stored import store_figures
from apps.reference.codelists import load_codes
from apps.reference.models import ClassificationCode, Government

SEED_YEAR = 2021
SEED_GOVERNMENT = Government(code="330600", name="绍兴市本级")  # as the fixture has it
SEED_DEPARTMENT = "205"


class Command(BaseCommand):
    help = (
        "Load the seed budget (绍兴市信访局 2021) and the glossary beside what the database holds: "
        "never over a row of its own; safe to run again."
    )

    def handle(self, *args, **options) -> None:
        # A database emptied by `flush` (as between browser tests) has lost the
        # codes `migrate` loaded: put back the seed year's (the budget names its codes by scheme, year, code).
        if not ClassificationCode.objects.filter(year=SEED_YEAR).exists():
            load_codes(ClassificationCode, [SEED_YEAR])
        fixtures = settings.BASE_DIR / "fixtures"
        # The models django-simple-history keeps that have a version of some row already.
        versioned = [model for model in django_apps.get_models() if kept(model) and model.history.exists()]
        started = timezone.now()
        added = load_beside(fixtures / "glossary.json")
        if seed_budget().exists():
            self.say(
                options, f"{same_row(SEED_GOVERNMENT)} {SEED_DEPARTMENT} 的 {SEED_YEAR} 年预算已在库中，不再载入。"
            )
        else:
            added += load_beside(fixtures / "budget_205_2021.json")
        first_versions(added, versioned, started)
        seed = seed_budget()
        # The fixture's budget is published: keep its figures as publishing does (once: a second run changes nothing).
        if not seed.filter(figures__isnull=False).exists():
            store_figures(seed.published())
        # The seed's government is the site's primary one unless the site already has one.
        if not Government.objects.filter(primary=True).exists():
            Government.objects.filter(pk=same_row(SEED_GOVERNMENT).pk).update(primary=True)
        self.say(options, f"载入种子：新增 {len(added)} 行，库中原有的数据未改动。")

    def say(self, options: dict, message: str) -> None:
        if options["verbosity"]:
            self.stdout.write(message)


def seed_budget() -> BudgetQuerySet:
    """The seed's budget where the database holds it, under the government the fixture's is taken
    for (its code, else its name: see apps/budgets/seed.py)."""
    return Budget.objects.filter(
        department__government=same_row(SEED_GOVERNMENT),
        department__code=SEED_DEPARTMENT,
        year=SEED_YEAR,
        phase=Phase.BUDGET,
    )


def kept(model: type[Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def first_versions(added: list[Model], versioned: list[type[Model]], started: datetime) -> None:
    """Every row its first version, so that the first edit in the admin shows what it changed from:
    of the models that had none before the seed (a new database), every row; of the others, the rows added."""
    call_command("populate_history", auto=True, verbosity=0, stderr=StringIO())  # it notes every model it skips
    for model in versioned:
        rows = [row for row in added if type(row) is model]
        key = model._meta.pk.attname
        # A budget's units, set after it was written, gave it a version already (a deleted row's
        # versions may carry the same key: only those since the load count).
        since = model.history.filter(history_date__gte=started, **{f"{key}__in": [row.pk for row in rows]})
        have = set(since.values_list(key, flat=True))
        model.history.bulk_history_create([row for row in rows if row.pk not in have])

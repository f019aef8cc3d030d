from io import StringIO

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db.models import Model

from apps.budgets.models import Budget, Phase
from apps.budgets.seed import load_beside
from apps.budgets.stored import store_figures
from apps.reference.codelists import load_codes
from apps.reference.models import ClassificationCode, Government

SEED_YEAR = 2021
SEED_GOVERNMENT = "绍兴市本级"
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
        added = load_beside(fixtures / "glossary.json")
        seed = Budget.objects.filter(
            department__government__name=SEED_GOVERNMENT,
            department__code=SEED_DEPARTMENT,
            year=SEED_YEAR,
            phase=Phase.BUDGET,
        )
        if seed.exists():
            self.say(options, f"{SEED_GOVERNMENT} {SEED_DEPARTMENT} 的 {SEED_YEAR} 年预算已在库中，不再载入。")
        else:
            added += load_beside(fixtures / "budget_205_2021.json")
        # The fixture's budget is published: keep its figures as publishing does (once: a second run changes nothing).
        if not seed.filter(figures__isnull=False).exists():
            store_figures(seed.published())
        # The seed's government is the site's primary one unless the site already has one.
        if not Government.objects.filter(primary=True).exists():
            Government.objects.filter(name=SEED_GOVERNMENT).update(primary=True)
        first_versions(added)
        self.say(options, f"载入种子：新增 {len(added)} 行，库中原有的数据未改动。")

    def say(self, options: dict, message: str) -> None:
        if options["verbosity"]:
            self.stdout.write(message)


def first_versions(added: list[Model]) -> None:
    """Every row its first version, so that the first edit in the admin shows what it changed from."""
    kept = {type(row) for row in added if hasattr(type(row), "history")}  # the models django-simple-history keeps
    versioned = {model for model in kept if model.history.exists()}
    # The models with no version yet (the code lists `migrate` loads; a new database's seed): every row.
    call_command("populate_history", auto=True, verbosity=0, stderr=StringIO())  # it notes every model it skips
    for model in versioned:
        model.history.bulk_history_create([row for row in added if type(row) is model])

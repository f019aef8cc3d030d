from io import StringIO

from django.core.management import BaseCommand, call_command

from apps.budgets.models import Budget
from apps.budgets.stored import store_figures
from apps.reference.codelists import load_codes
from apps.reference.models import ClassificationCode, Government

# In dependency order: the glossary, then the budget, which names its codes by
# (scheme, year, code) — `migrate` loads every year's codes (apps/reference/data).
SEED_FIXTURES = ("glossary", "budget_205_2021")
SEED_YEAR = 2021
SEED_GOVERNMENT = "绍兴市本级"
SEED_DEPARTMENT = "205"


class Command(BaseCommand):
    help = "Load the seed budget (绍兴市信访局 2021) and its reference data; safe to run again."

    def handle(self, *args, **options) -> None:
        # A database emptied by `flush` (as between browser tests) has lost the
        # codes `migrate` loaded: put back the seed year's.
        if not ClassificationCode.objects.filter(year=SEED_YEAR).exists():
            load_codes(ClassificationCode, [SEED_YEAR])
        # Fixed primary keys make loaddata an upsert: a second run changes nothing.
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
        # The fixture's budget is published: keep its figures as publishing does (once: a second run changes nothing).
        seed = Budget.objects.published().filter(department__code=SEED_DEPARTMENT, year=SEED_YEAR)
        if not seed.filter(figures__isnull=False).exists():
            store_figures(seed)
        # The seed's government is the site's primary one unless the site already has one.
        if not Government.objects.filter(primary=True).exists():
            Government.objects.filter(name=SEED_GOVERNMENT).update(primary=True)
        # loaddata records no history; give every row its first version once, so
        # that the first edit in the admin shows what it changed from.
        call_command("populate_history", auto=True, verbosity=0, stderr=StringIO())  # it notes every model it skips

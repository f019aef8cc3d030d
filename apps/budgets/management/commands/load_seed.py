from io import StringIO

from django.core.management import BaseCommand, call_command

# In dependency order: the codes and glossary, then the budget that uses them.
SEED_FIXTURES = ("classification_2021", "glossary", "budget_205_2021")


class Command(BaseCommand):
    help = "Load the seed budget (绍兴市信访局 2021) and its reference data; safe to run again."

    def handle(self, *args, **options) -> None:
        # Fixed primary keys make loaddata an upsert: a second run changes nothing.
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
        # loaddata records no history; give every row its first version once, so
        # that the first edit in the admin shows what it changed from.
        call_command("populate_history", auto=True, verbosity=0, stderr=StringIO())  # it notes every model it skips

from django.core.management import BaseCommand, call_command

# In dependency order: the codes and glossary, then the budget that uses them.
SEED_FIXTURES = ("classification_2021", "glossary", "budget_205_2021")


class Command(BaseCommand):
    help = "Load the seed budget (绍兴市信访局 2021) and its reference data; safe to run again."

    def handle(self, *args, **options) -> None:
        # Fixed primary keys make loaddata an upsert: a second run changes nothing.
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])

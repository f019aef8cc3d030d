"""On the embedded SQLite database, people working at the same moment wait for
each other instead of getting a server error: four processes publish, withdraw,
submit and import on one budget at once, and none meets "database is locked"."""

import subprocess
import sys

from .servers import ROOT, app_env

WORKER = """
import random, sys
import django
django.setup()
from apps.budgets.models import Budget
from apps.budgets.services import WorkflowError, budget_publish, budget_submit, budget_withdraw
from apps.workbooks.problems import WorkbookInvalid
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import
from apps.workbooks.writer import write_budget_workbook
import io
seed = Budget.objects.get(department__code="205", year=2021, phase="budget")
stream = io.BytesIO()
write_budget_workbook(seed, stream)
data = read_budget_workbook(stream.getvalue())
rng = random.Random(int(sys.argv[1]))
for _ in range(15):
    budget = Budget.objects.get(pk=seed.pk)
    action = rng.choice([
        lambda: budget_submit(budget=budget, user=None),
        lambda: budget_publish(budget=budget, user=None),
        lambda: budget_withdraw(budget=budget, user=None, reason="x"),
        lambda: budget_import(data=data),
    ])
    try:
        action()
    except (WorkflowError, WorkbookInvalid):
        pass  # refused, with a message: fine
"""


def test_simultaneous_writers_wait_instead_of_failing(tmp_path):
    env = app_env(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", DJANGO_SETTINGS_MODULE="budgetsite.settings")
    for command in (["migrate", "--noinput"], ["load_seed"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(seed)], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for seed in range(4)
    ]
    errors = [worker.communicate(timeout=300)[1].decode() for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0], "\n".join(errors)[-3000:]

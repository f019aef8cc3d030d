"""Nothing unchecked goes public however the office's clicks interleave.

On PostgreSQL, threads with their own connections and real transactions race
an editor's import confirm (checks failing), a second import (checks passing),
a submission, a reviewer's publication and a withdrawal on one budget, from a
random starting status, 50 times. The row lock makes them take turns; at the end
a published budget passes every check, and each person's answer matches what the
database recorded (a publication reported done is in the status log, one refused
is not)."""

import random
import threading
import time
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, CityFigures, Status, StatusChange
from apps.budgets.services import WorkflowError, budget_publish, budget_submit, budget_withdraw
from apps.budgets.stored import SCHEMES, live_city_figures, store_figures
from apps.public.tests.factories import many_departments
from apps.workbooks.problems import WorkbookInvalid
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import
from apps.workbooks.tests.conftest import workbook_bytes
from apps.workbooks.tests.test_bad_input import edited, set_cell
from apps.workbooks.tests.test_import_integrity import details_only, info_value

ROUNDS = 50
pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Outcome:
    actor: str
    done: bool
    message: str


def workbooks(seed: Budget) -> tuple:
    """The seed's contents as a 决算 of the same year: one passing every check, one failing them."""
    final = edited(edited(workbook_bytes(seed), details_only), info_value("阶段", "决算"))
    failing = edited(final, set_cell("明细-收入", ("一般公共预算拨款收入",), "金额", "1.00"))
    return read_budget_workbook(final), read_budget_workbook(failing)


def act(name: str, action, start: threading.Barrier, outcomes: list[Outcome]) -> None:
    start.wait()
    time.sleep(random.uniform(0, 0.05))
    try:
        action()
        outcomes.append(Outcome(name, True, ""))
    except (WorkflowError, WorkbookInvalid) as refused:
        outcomes.append(Outcome(name, False, str(refused)))
    finally:
        connection.close()  # this thread's own connection


def race(budget: Budget, passing, failing, users: dict) -> list[Outcome]:
    def fresh() -> Budget:  # each person works from the budget as their page showed it
        return Budget.objects.get(pk=budget.pk)

    actions = {
        "import failing": lambda: budget_import(data=failing),
        "import passing": lambda: budget_import(data=passing),
        "submit": lambda: budget_submit(budget=fresh(), user=users["editor"]),
        "publish": lambda: budget_publish(budget=fresh(), user=users["reviewer"]),
        "withdraw": lambda: budget_withdraw(budget=fresh(), user=users["withdrawer"], reason="核对"),
    }
    start, outcomes = threading.Barrier(len(actions)), []
    threads = [threading.Thread(target=act, args=(name, a, start, outcomes)) for name, a in actions.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_publication_races_imports_submission_and_withdrawal(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL (SQLite serialises whole transactions)")
    call_command("load_seed", verbosity=0)
    seed = Budget.objects.get(department__code="205", year=2021, phase="budget")
    passing, failing = workbooks(seed)
    budget = budget_import(data=passing)
    users = {name: django_user_model.objects.create(username=name) for name in ("editor", "reviewer", "withdrawer")}
    rng = random.Random(11)
    published_rounds = 0
    for round_number in range(ROUNDS):
        contents = rng.choice([passing, failing])
        Budget.objects.filter(pk=budget.pk).update(status=Status.DRAFT)
        budget_import(data=contents)
        # Any starting status the workflow allows: published only with contents that pass.
        statuses = list(Status) if contents is passing else [Status.DRAFT, Status.SUBMITTED]
        Budget.objects.filter(pk=budget.pk).update(status=rng.choice(statuses), published_at=timezone.now())
        since = StatusChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        outcomes = race(budget, passing, failing, users)
        assert len(outcomes) == 5, f"round {round_number}: a thread did not finish"
        budget.refresh_from_db()
        if budget.status == Status.PUBLISHED:
            published_rounds += 1
            failures = [str(result) for result in run_checks(budget) if not result.passed]
            assert failures == [], f"round {round_number}: published with failing checks"
        logged = StatusChange.objects.filter(pk__gt=since)
        for outcome in outcomes:
            user, to_status = {
                "publish": (users["reviewer"], Status.PUBLISHED),
                "withdraw": (users["withdrawer"], Status.DRAFT),
                "submit": (users["editor"], Status.SUBMITTED),
            }.get(outcome.actor, (None, None))
            if user is not None:
                recorded = logged.filter(user=user, to_status=to_status).exists()
                assert recorded is outcome.done, f"round {round_number}: {outcome} but the log says {recorded}"
    assert published_rounds > 0  # the race did reach publication


def test_two_withdrawals_in_one_city_at_once_leave_its_figures_right():
    """Each withdrawal recomputes the city's figures; at the same moment they take turns, so neither
    fails on the other's rows and the city ends up as its lines add up."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL (SQLite serialises whole transactions)")
    call_command("load_seed", verbosity=0)
    budgets = many_departments(2)
    government, year = budgets[0].department.government_id, budgets[0].year
    for round_number in range(10):
        start, outcomes = threading.Barrier(2), []
        withdrawals = [
            threading.Thread(
                target=act,
                args=(
                    f"withdraw {b.pk}",
                    lambda b=b: budget_withdraw(budget=b, user=None, reason="核对"),
                    start,
                    outcomes,
                ),
            )
            for b in Budget.objects.filter(pk__in=[b.pk for b in budgets])
        ]
        for thread in withdrawals:
            thread.start()
        for thread in withdrawals:
            thread.join(timeout=120)
        assert [o.done for o in outcomes] == [True, True], f"round {round_number}: {outcomes}"
        for scheme in SCHEMES:
            stored = CityFigures.objects.filter(government=government, year=year, scheme=scheme)
            assert sorted(stored.values_list("code", "total")) == sorted(
                (row["code"], row["total"]) for row in live_city_figures(government, year, scheme) if row["total"]
            )
        Budget.objects.filter(pk__in=[b.pk for b in budgets]).update(
            status=Status.PUBLISHED, published_at=timezone.now()
        )
        store_figures(Budget.objects.filter(pk__in=[b.pk for b in budgets]))

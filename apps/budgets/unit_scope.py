"""A line's or a project's unit belongs to its budget's department: a rule of the data, checked by the models'
clean(), whoever enters the row."""

from django.core.exceptions import ValidationError


def budget_of_row(row):
    """The budget a line item (or a project) belongs to, or None while it has none."""
    try:
        return row.budget
    except AttributeError:
        return None
    except Exception:  # RelatedObjectDoesNotExist: not attached to a budget yet
        return None


def check_unit_scope(row) -> None:
    """A line's or a project's unit belongs to its budget's department (for model clean())."""
    budget, unit_id = budget_of_row(row), getattr(row, "unit_id", None)
    if budget is None or unit_id is None or budget.department_id is None:
        return
    if row.unit.department_id != budget.department_id:
        raise ValidationError({"unit": "该预算单位不属于本预算的部门。"})

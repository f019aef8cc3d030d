from apps.reference.models import Government


def home_government() -> Government:
    """The seed's government (绍兴市本级), which every test database has."""
    return Government.objects.get(primary=True)

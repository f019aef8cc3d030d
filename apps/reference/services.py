"""Writing reference data that documents bring with them."""

from apps.reference.models import Government


def government_named(name: str, *, code: str = "", level: str = "") -> Government:
    """The government of this name, created when a document first brings it. The
    first government a site holds becomes its primary one (its departments' URLs
    carry the bare department code); an administrator can move that mark."""
    found = Government.objects.filter(name=name).first()
    if found:
        return found
    return Government.objects.create(
        name=name,
        code=code,
        level=level or Government.Level.CITY,
        primary=not Government.objects.filter(primary=True).exists(),
    )

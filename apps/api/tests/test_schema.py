"""The API is documented by an OpenAPI schema that is valid, names every
endpoint of apps/api/urls.py, and describes exactly what the endpoints answer;
its docs page works without reaching any other site."""

import copy
import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

# One real address per documented path, filled in with the seed budget.
SEED = {"department": "205", "year": "2021", "slug": "three-public", "scheme": "function"}


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def documented_paths() -> list[str]:
    """apps/api/urls.py's data endpoints as OpenAPI paths: <int:year> → {year}."""
    [api] = [p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "api/"]
    assert api.urlconf_name.__name__ == "apps.api.urls"
    paths = []
    for pattern in api.url_patterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if route.startswith("^") or route in ("openapi.json", "docs/"):
            continue  # the JSON 404 for everything else, the schema and its docs page
        paths.append("/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return paths


def strict(schema: dict) -> dict:
    """Every object as documented and nothing more, so that an undocumented key fails."""
    schema = copy.deepcopy(schema)
    for component in schema["components"]["schemas"].values():
        if "properties" in component:
            component["additionalProperties"] = False
    return schema


def check(instance, response_schema: dict, schema: dict) -> None:
    OAS30Validator({**response_schema, "components": schema["components"]}).validate(instance)


def test_schema_is_valid_openapi_and_lists_every_endpoint(schema):
    validate(schema)
    paths = documented_paths()
    assert len(paths) == 9
    assert sorted(paths) == sorted(schema["paths"])
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())


def test_schema_generates_without_warnings(tmp_path, db):
    """drf-spectacular warns where it had to guess a type; here it never has to."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_every_answer_is_exactly_as_documented(client, seed_budget, schema):
    schema = strict(schema)
    for path, operations in schema["paths"].items():
        address = path.format(**SEED, phase="final")
        # The {phase} paths see the same figures published as the year's 决算.
        seed_budget.phase = "final" if "{phase}" in path else "budget"
        seed_budget.save(update_fields=["phase"])
        response = client.get(address)
        assert response.status_code == 200, address
        check(response.json(), operations["get"]["responses"]["200"]["content"]["application/json"]["schema"], schema)
        missing = client.get(address.replace("2021", "1999"))
        if "{year}" in path and "codes" not in path:
            assert missing.status_code == 404
            check(
                missing.json(), operations["get"]["responses"]["404"]["content"]["application/json"]["schema"], schema
            )


def test_a_wrong_answer_would_fail_the_check(client, seed_budget, schema):
    """The check above can fail: an amount as a number, or an extra key, does not match the schema."""
    schema = strict(schema)
    table_schema = {"$ref": "#/components/schemas/Table"}
    data = client.get("/api/budgets/205/2021/tables/summary/").json()
    check(data, table_schema, schema)
    wrong = copy.deepcopy(data)
    wrong["rows"][0]["is_total"] = "yes"
    with pytest.raises(Exception, match="is not of type"):
        check(wrong, table_schema, schema)
    with pytest.raises(Exception, match="Additional properties"):
        check({**data, "extra": 1}, table_schema, schema)


def test_docs_page_works_offline(client, db):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and not [a for a in assets if a.startswith(("http:", "https:", "//"))]
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "/api/openapi.json" in client.get(next(a for a in assets if "script" in a)).content.decode()

"""Reading pages as a reader does: the visible text, the links, one table row."""

import html
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_text(response) -> str:
    """The page's text without tags or scripts, spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def hrefs(response) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', response.content.decode())]


def group_text(response, kind: str) -> str:
    """The text of one group of results, from its heading to the next."""
    text = page_text(response)
    start = text.index(f" {kind} （")
    kinds = ["专题与名词解释", "部门", "预算单位", "项目", "科目", "绩效指标"]
    rest = [text.find(f" {k} （", start + 1) for k in kinds]
    ends = [i for i in rest if i > start] + [text.index("数据来源")]
    return text[start : min(ends)]


def row_text(response, marker: str) -> str:
    """The text of the first table row containing `marker` (the first screen's lists above the tables aside)."""
    body = response.content.decode()
    start = body.rindex("<tr", 0, body.index(marker, body.index("<tbody")))
    row = body[start : body.index("</tr>", start)]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)))


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def chart_payload(response, key: str) -> dict:
    """The data a chart is drawn from (passed with json_script)."""
    body = response.content.decode()
    match = re.search(rf'<script id="chart-data-{key}" type="application/json">(.*?)</script>', body, flags=re.S)
    assert match, f"no chart {key}"
    return json.loads(match.group(1))


def table_part(response) -> str:
    """The page from its first table body on: what the tables list, without the first screen."""
    body = response.content.decode()
    return body[body.index("<tbody") :]

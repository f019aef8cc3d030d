"""Where the document's own 说明 and the generated one give different figures.

Both speak in 万元 after a label (卫生健康支出47.38万元). A figure of the
document whose label the generated text also has, with another amount, is a
difference: shown under the section heading where the document prints it, with
both amounts. Labels are compared by their last characters, so 包括一般公共服务支出
and 一般公共服务支出 are the same label; a label only one text has is not compared."""

import re
from dataclasses import dataclass

FIGURE = re.compile(r"([\u4e00-\u9fff（）()]{2,30}?)\s*(\d[\d,]*(?:\.\d+)?)\s*万元")
LEVEL_MARK = re.compile(r"[（(][类款项][）)]")
LABEL_LENGTH = 6


@dataclass(frozen=True)
class Difference:
    where: str  # the document's section heading
    label: str
    stated: str  # as the document prints it, in 万元
    generated: str  # as the generated 说明 gives it, in 万元


def label_key(label: str) -> str:
    return LEVEL_MARK.sub("", label).strip("（）()")[-LABEL_LENGTH:]


def figures(text: str) -> list[tuple[str, str, str]]:
    """(label key, label, amount in 万元 without separators) for each figure in the text."""
    found = []
    for label, amount in FIGURE.findall(text):
        key = label_key(label)
        if len(key) >= 2:
            found.append((key, LEVEL_MARK.sub("", label), amount.replace(",", "")))
    return found


def differences(sections: list, paragraphs: list[str]) -> list[Difference]:
    generated: dict[str, set[str]] = {}
    for key, _, amount in figures("\n".join(paragraphs)):
        generated.setdefault(key, set()).add(amount)
    found: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for key, label, amount in figures(section.body):
            if key in generated and amount not in generated[key] and (key, amount) not in seen:
                seen.add((key, amount))
                found.append(Difference(section.heading, label, amount, "、".join(sorted(generated[key]))))
    return found

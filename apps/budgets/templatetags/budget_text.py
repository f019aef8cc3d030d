from django import template

register = template.Library()


@register.filter
def paragraphs(text: str) -> str:
    """Stored multi-line text → paragraphs separated by blank lines."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())

"""Names compared as printed documents differ: full- or half-width brackets and
punctuation, quotes and spaces do not make two names different."""

WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "　": " ", "“": "", "”": "", '"': ""})


def plain(text: str) -> str:
    return (text or "").translate(WIDTH).replace(" ", "").strip()


def same_label(a: str, b: str) -> bool:
    return plain(a) == plain(b)

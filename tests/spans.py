"""Mentions written by hand as surface forms, turned into character spans, for the stage tests."""

import re


def surface_spans(text: str, mentions) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, entity_id)`` of every whole-word occurrence of each ``(surface, type, entity_id)``
    in ``text``; a longer surface wins over a shorter one it overlaps ("KPU RI" over "KPU")."""
    spans: list[tuple[int, int, str, str]] = []
    for surface, kind, entity_id in sorted(mentions, key=lambda m: -len(m[0])):
        for found in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(s < found.end() and found.start() < e for s, e, *_ in spans):
                spans.append((found.start(), found.end(), kind, entity_id))
    return spans

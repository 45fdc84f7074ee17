"""Comparing HTML the way a browser reads it, not the way a template happens to be laid out.

The templates are kept formatted by djLint (`make lint`), which is free to break a tag's attributes
over several lines, indent an element's text or put a tag on a line of its own. An assertion on an
exact piece of HTML reads the page through ``flat()`` (and writes its expectation through it too),
so that such a reformat changes no test's outcome while any change to tags, attributes or words
still fails it.
"""

import re

BETWEEN_TAGS = re.compile(r">\s+<")
AFTER_TAG = re.compile(r">\s+")
BEFORE_TAG = re.compile(r"\s+<")
INSIDE_TAG = re.compile(r"<[^<>]+>")
SPACES = re.compile(r"\s+")


def flat(html: str) -> str:
    """``html`` with every run of white space one space, and none next to a tag's brackets or inside a tag's end.

    (Spaces between inline elements can matter to a reader; no assertion here depends on them.)
    """
    html = INSIDE_TAG.sub(lambda tag: SPACES.sub(" ", tag.group()).replace(" >", ">").replace("< ", "<"), html)
    html = BETWEEN_TAGS.sub("><", html)
    html = AFTER_TAG.sub(">", html)
    html = BEFORE_TAG.sub("<", html)
    return SPACES.sub(" ", html)

"""Text that people or transcripts wrote, made safe to hand to ``st.markdown``.

A trainee answer or a call transcript may hold ``![b](http://host/x.png)`` (the reviewer's browser would
fetch the image, leaking that the page was opened), links, raw HTML, Streamlit's ``:red[...]`` and
``:material/...:`` directives or ``$...$`` maths. :func:`escape_markdown` HTML-escapes the text and puts a
backslash before exactly the characters that would start such a construct, so ordinary prose ("Thanks, I'll
refund it.") stays as written while nothing in it can become an element.
"""

from __future__ import annotations

import html
import re

# Anywhere in a line: code, emphasis, links/images (no "[" means no link), maths, tables, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]$~|])")
# At the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
_LINE_START = re.compile(r"(?m)^(\s*)([#>+\-=]|\d+(?=[.)]))")
_ORDERED = re.compile(r"(?m)^(\s*\d+)([.)])")
# Streamlit's ":smile:" / ":material/icon:" shortcodes and bare "http://" autolinks.
_COLON = re.compile(r":(?=[\w/+-]+:)|:(?=//)")


def escape_markdown(text: str) -> str:
    """``text`` rendered literally by Markdown (no images, links, HTML, emphasis, directives or maths)."""
    escaped = html.escape(str(text), quote=False)  # &amp; &lt; &gt; hold no character escaped below
    escaped = _INLINE.sub(r"\\\1", escaped)
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    escaped = _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2)), escaped
    )
    escaped = _COLON.sub(r"\\:", escaped)
    return escaped.replace("\n", "  \n")  # keep the writer's line breaks

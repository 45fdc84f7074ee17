"""Cross-site scripting vectors, generated: classic payloads and their disguises.

Each vector carries its own number. When one runs, it calls ``__xss(n)`` (or
``alert(n)``, ``confirm(n)``, ``prompt(n)``, or sets ``window.__xss``): the
browser test hooks all of them and so can name the vector that got through.

Templates cover the classics (script elements, event handlers on every kind
of element, ``javascript:`` and ``data:`` URLs), breakouts from attributes,
text areas, titles, comments, style and script blocks (JSON-LD), SVG and
MathML, mutation XSS, CSS expressions and imports, template syntax of Django,
Jinja, Angular and Vue, and encoded or Unicode-disguised variants.
"""

# {J} is replaced by the code a vector runs; {Q} by the same code with its
# parentheses spelled as HTML entities (for attribute contexts that decode them).
TEMPLATES = [
    # Script elements.
    "<script>{J}</script>",
    "<ScRiPt>{J}</sCrIpT>",
    "<script >{J}</script >",
    "<script/x>{J}</script>",
    "<script src=data:text/javascript,{J}></script>",
    "<script>/*</script><script>*/{J}</script>",
    "<<script>{J}//<</script>",
    "<scr<script>ipt>{J}</scr</script>ipt>",
    # Event handlers.
    "<img src=x onerror={J}>",
    '<img src="x" onerror="{J}">',
    "<img/src=x/onerror={J}>",
    "<img src=x onerror=&#x{H};>",
    '<img src=x onerror="{Q}">',
    "<svg onload={J}>",
    "<svg/onload={J}>",
    "<body onload={J}>",
    "<input autofocus onfocus={J}>",
    "<select autofocus onfocus={J}></select>",
    "<textarea autofocus onfocus={J}></textarea>",
    "<details open ontoggle={J}>",
    "<video><source onerror={J}></video>",
    "<audio src=x onerror={J}>",
    "<iframe onload={J}></iframe>",
    "<object data=x onerror={J}></object>",
    "<marquee onstart={J}>x</marquee>",
    "<div onmouseover={J}>hover</div>",
    "<a onfocus={J} autofocus href=#>x</a>",
    "<svg><animate onbegin={J} attributeName=x dur=1s>",
    "<svg><set onbegin={J} attributename=x to=1>",
    "<style onload={J}></style>",
    "<image src=x onerror={J}>",
    "<isindex type=image src=x onerror={J}>",
    "<form><button formaction=javascript:{J}>x</button></form>",
    # URLs that run code.
    '<a href="javascript:{J}">link</a>',
    '<a href="JaVaScRiPt:{J}">link</a>',
    '<a href=" &#14; javascript:{J}">link</a>',
    '<a href="jav&#x09;ascript:{J}">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{J}">link</a>',
    '<a href="data:text/html,<script>{J}</script>">link</a>',
    '<a href="vbscript:{J}">link</a>',
    '<iframe src="javascript:{J}"></iframe>',
    '<iframe srcdoc="<script>{J}</script>"></iframe>',
    '<embed src="javascript:{J}">',
    '<object data="javascript:{J}"></object>',
    '<form action="javascript:{J}"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:{J}">',
    '<base href="javascript:{J}//">',
    '<link rel=stylesheet href="javascript:{J}">',
    "javascript:{J}",
    " javascript:{J}",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    # Breaking out of the context a value lands in.
    '"><script>{J}</script>',
    "'><script>{J}</script>",
    '" autofocus onfocus="{J}" x="',
    "' autofocus onfocus='{J}' x='",
    '"onmouseover="{J}"',
    "</script><script>{J}</script>",
    "</title><script>{J}</script>",
    "</textarea><script>{J}</script>",
    "</style><script>{J}</script>",
    "</noscript><script>{J}</script>",
    "--><script>{J}</script>",
    "]]><script>{J}</script>",
    '</option></select><img src=x onerror="{J}">',
    '"}};{J};//',
    "';{J};//",
    "\\';{J};//",
    "\\u0022}};{J};//",
    # SVG and MathML.
    "<svg><script>{J}</script></svg>",
    '<svg><a xlink:href="javascript:{J}"><text y=20>x</text></a></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x><script>{J}</script></svg>#x"/></svg>',
    "<svg><foreignObject><img src=x onerror={J}></foreignObject></svg>",
    '<math><maction actiontype=statusline xlink:href="javascript:{J}">x</maction></math>',
    '<math href="javascript:{J}">x</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror={J}>",
    '<svg></p><style><a id="</style><img src=x onerror={J}>">',
    '<noscript><p title="</noscript><img src=x onerror={J}>">',
    "<xmp><img src=x onerror={J}></xmp>",
    "<!--><img src=x onerror={J}>-->",
    "<![CDATA[><img src=x onerror={J}>]]>",
    # CSS.
    '<div style="background:url(javascript:{J})">x</div>',
    '<div style="width:expression({J})">x</div>',
    "<style>@import 'javascript:{J}';</style>",
    '<style>body{{background:url("javascript:{J}")}}</style>',
    "expression({J})",
    # Template syntax: must arrive as text, never evaluated.
    "{{{{ {J} }}}}",
    "{{% debug %}}{{{{ request.META }}}}",
    "${{{J}}}",
    "#{{{J}}}",
    "<%= {J} %>",
    "{{{{constructor.constructor('{J}')()}}}}",
    "[[{J}]]",
    "{{{{7*7}}}}<img src=x onerror={J}>",
    # Encoded: must stay inert text when shown as typed.
    "&lt;script&gt;{J}&lt;/script&gt;",
    "%3Cscript%3E{J}%3C%2Fscript%3E",
    "&#60;script&#62;{J}&#60;/script&#62;",
    "\\x3cscript\\x3e{J}\\x3c/script\\x3e",
    "\\u003cscript\\u003e{J}\\u003c/script\\u003e",
    "+ADw-script+AD4-{J}+ADw-/script+AD4-",
    # Unicode disguises.
    "＜script＞{J}＜/script＞",
    "<scr\u200bipt>{J}</scr\u200bipt>",
    "<img src=x onerror\u000b={J}>",
    "<img src=x\u00a0onerror={J}>",
    "\u202e<script>{J}</script>",
    "<ſcript>{J}</ſcript>",
    "<script>\u2028{J}\u2029</script>",
    "<svg><script>{J}&#x2f;/</script></svg>",
    "<ıframe srcdoc='<script>{J}</script>'>",
    "Ниш<script>{J}</script>Копривщица",
]

# What a vector runs when it gets through: each records its number. Each
# template is used with two of them, alternately (the hook and a dialog).
ACTIONS = ["__xss({n})", "alert({n})", "window.__xss={n}", "top['__x'+'ss']({n})"]


def vectors() -> list[str]:
    """Every template twice, with two different actions: each vector names its number ``n``."""
    found = []
    for round in range(2):
        for index, template in enumerate(TEMPLATES):
            n = len(found)
            code = ACTIONS[(index + round) % 2 if index % 3 else 2 + round].format(n=n)
            quoted = code.replace("(", "&#40;").replace(")", "&#41;")
            hexed = "".join(f"&#x{ord(c):x};" for c in code)[3:-1]
            found.append(template.format(J=code, Q=quoted, H=hexed))
    return found

"""Pages written for the tests in the shape of the real library's pages (text of our own).

Layout A: type label, title, theme labels, hero alt text, caption with "(credit: …)", an
introduction, then sections. Layout B: title, "Key points" with "- " bullets, "Introduction".
"""

import base64
import io

LAYOUT_A = """Q&A article

How did residents in a small town keep their library open?

Community assets and spaces, Resident leadership

Three volunteers stand behind a counter stacked with books, smiling at the camera.
Volunteers at the reopened library in the town centre (credit: Sam Example)

This article looks at how a group of residents took over a closing library, what support they needed, and what they learned about running a building together.

Taking on the building

When the council announced the closure, a handful of residents met in the church hall and agreed to try to run the library themselves. They asked the partnership for a small grant and for help with the lease.

What they learned

Running a building turned out to be as much about people as about money. The group found that regular, informal meetings kept volunteers involved.
"""

LAYOUT_B = """What helped partnerships plan for the years after their funding ended?
Key points
- Partnerships that started planning early had more choices about what to keep.
- Handing projects to other local groups worked best where relationships already existed.
- Some partnerships set up a charity or a company to carry on their work.
Introduction
Every partnership knew its funding would end, but they prepared for that moment in very different ways. This article draws on conversations with residents and workers to describe what helped.
Starting early
Several partnerships began talking about the future five years before the end.
"""

SHORT_LINES = """Notes from the open day
Stalls
Games
Food
Thanks to all
"""


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def layout_a_html(image_src: str | None = None) -> str:
    """LAYOUT_A as the site's HTML: labels as links, hero as a figure with a caption."""
    src = image_src or "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    return f"""<!doctype html><html><head><title>Keeping the library open</title></head><body>
<nav><a href="/">Home</a></nav><main><article>
<p class="type">Q&amp;A article</p>
<h1>How did residents in a small town keep their library open?</h1>
<ul class="themes"><li><a href="/themes/a">Community assets and spaces</a></li>
<li><a href="/themes/b">Resident leadership</a></li></ul>
<figure><img src="{src}" alt="Three volunteers stand behind a counter stacked with books.">
<figcaption>Volunteers at the reopened library in the town centre (credit: Sam Example)</figcaption>
</figure>
<p>This article looks at how a group of residents took over a closing library, what support they
needed, and what they learned about running a building together.</p>
<h2>Taking on the building</h2>
<p>When the council announced the closure, a handful of residents met in the church hall and
agreed to try to run the library themselves. They asked the partnership for a small grant.</p>
</article></main><footer>Cookie settings</footer></body></html>"""

"""What a page may do, declared once: the Content-Security-Policy and the other security headers.

Every page carries POLICY in a <meta http-equiv> (overrides/main.html for the years' pages, which holds the
same text, and templates/archive.html.j2 for the archive's front page), so that a copy served without
headers keeps it. The server examples of docs/may-chu.md send HEADERS, which add what a meta element cannot
carry (frame-ancestors, nosniff). The site's pages have no inline script or style and Vega's expressions
run through its interpreter, so the policy allows the site's own files only: no 'unsafe-inline', no
'unsafe-eval', no hashes to keep up to date. tests/test_csp.py checks that all of these say the same and
that no page breaks the policy, served with the headers and opened from disk.
"""

from __future__ import annotations

# data: images are the icons Material's stylesheet embeds (and the archive page's empty favicon).
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; form-action 'self'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": POLICY + "; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

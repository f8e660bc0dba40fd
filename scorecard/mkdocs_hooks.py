"""mkdocs hooks, kept to a few lines: our pages come from memory; pages we render as HTML skip Markdown;
count pages for progress.

Our templates write each page's body as HTML that is also valid Markdown (block
elements separated by blank lines, text escaped for both), marked `html: true`
in its front matter. Passing it through unparsed makes mkdocs three times
faster on large years (bench/run.py); a reader of mkdocs.yml without this hook
still builds the same pages through Markdown.
"""

from scorecard.progress import page_built

_bodies: dict[str, str] = {}


def on_files(files, config):
    from scorecard.mkdocs_engine import with_pages_in_memory  # the year's pages, never written to docs_dir

    return with_pages_in_memory(files, config)


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("html") is True:
        _bodies[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html, page, config, files):
    return _bodies.pop(page.file.src_uri, html)


def on_post_page(output, page, config):
    page_built()
    return output

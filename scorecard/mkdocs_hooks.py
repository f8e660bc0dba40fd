"""mkdocs hook: count built pages for the progress bar (kept to a few lines on purpose)."""

from scorecard.progress import page_built


def on_post_page(output, page, config):
    page_built()
    return output

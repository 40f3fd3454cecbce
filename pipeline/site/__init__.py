"""The case browser: a static site written into each release folder (``site/``).

No server, no network: plain HTML files with relative links, a few lines of inline script for the
index filter, and an SVG chart drawn in Python at build time. Works opened from ``file://``.
"""

from pipeline.site.build import SITE_DIR, SiteFile, write_site

__all__ = ["SITE_DIR", "SiteFile", "write_site"]

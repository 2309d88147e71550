"""Running the per-article work over many articles: in this process, on every core
(``run_articles``), or on a Dask cluster (``communique.batch.dask_engine``)."""

from .pool import DEFAULT_ARTICLE_TIMEOUT, available_cores, run_articles
from .work import extract_articles

__all__ = ["DEFAULT_ARTICLE_TIMEOUT", "available_cores", "extract_articles", "run_articles"]

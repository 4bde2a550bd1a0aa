"""Demo data: a believable heating, cooling and plumbing business with twenty years of history.

`build` writes it (`build_demo`); `rows` generates the rows as plain tuples, with its mixins
`customers`, `equipment`, `jobs` and `contacts`; `data` and `catalog` are the plain data they draw on.
"""

from app.services.demo.build import CHUNK, MAX_CUSTOMERS, DemoSummary, build_demo

__all__ = ["CHUNK", "MAX_CUSTOMERS", "DemoSummary", "build_demo"]

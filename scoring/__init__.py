"""Pure scoring core: quiz model, validation, grading.

Standard library only, so the same code scores under CPython (tests, officer
tools) and in the browser under Pyodide.
"""

__version__ = "0.1.0"

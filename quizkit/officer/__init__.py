"""The officer's work that also runs in the browser under Pyodide (standard library, scoring, openpyxl, xlsxwriter)."""

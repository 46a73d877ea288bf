"""The engine files the site ships: Pyodide's core, with its standard library cut to what scoring needs."""

"""The officer's workbench page (``/officer/``): the class report and the bank import in the browser."""

# Put on PYTHONPATH to act as a machine where salesdesk[postgres] was not installed.
raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")

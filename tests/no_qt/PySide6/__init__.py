# Put on PYTHONPATH to prove the core runs with PySide6 unavailable.
raise ImportError("PySide6 is blocked: the core must not import Qt")

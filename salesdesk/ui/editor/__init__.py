"""The deal editor's tabs."""

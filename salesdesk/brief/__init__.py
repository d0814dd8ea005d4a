"""The meeting brief as PDF (reportlab), headless: no Qt."""

"""SalesDesk: offline negotiation preparation for B2B sales reps."""

__version__ = "0.1.0"
APP_NAME = "SalesDesk"

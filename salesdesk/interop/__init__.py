"""Exchanging deals with the outside: packages, CRM files, backups, the sample deals."""

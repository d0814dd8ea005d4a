"""Pure negotiation rules: no Qt, no SQL, no heavy libraries."""

"""Qt item models, one per grid."""

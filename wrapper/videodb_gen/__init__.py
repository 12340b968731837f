"""videodb_gen."""

"""The history of finished sessions."""

"""Profiles screen: pick, create, rename, delete."""

"""Replay logs: versioned, hash-chained JSONL; recording, reading and verification."""

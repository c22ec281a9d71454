"""The title menu and the vignette picker."""

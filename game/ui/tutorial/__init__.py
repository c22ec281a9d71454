"""The tutorial: pages, then a vignette with coach marks."""

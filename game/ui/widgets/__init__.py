"""Small drawing helpers shared by scenes."""

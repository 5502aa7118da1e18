"""The knowledge base: typed records loaded from data/."""

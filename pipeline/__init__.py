"""kabar-graph: Indonesian news articles to a co-mention knowledge graph."""

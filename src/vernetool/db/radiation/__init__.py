"""The radiation register's repositories: sources (with DSA status history, leak tests and
disposal) and the workers register for ionising radiation with its doses."""

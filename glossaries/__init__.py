"""The house glossary: term entries and Korean-aware term matching (imports nothing of ours)."""

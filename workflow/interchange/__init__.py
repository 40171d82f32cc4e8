"""Bilingual interchange files (XLIFF 1.2, XLIFF 2.x): one model, a reader and writer per format."""

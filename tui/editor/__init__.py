"""The translator's editor, headless: its state (state.py), its writes (jobs.py), its reads
(reads.py) and the long-lived worker threads that run them (threads.py). No Textual here."""

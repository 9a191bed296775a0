"""Language as a seam of the design: which language a report (or a part of it) is written in, and what
each language brings to reading it (its profile). The engine asks the profile; it knows no language."""

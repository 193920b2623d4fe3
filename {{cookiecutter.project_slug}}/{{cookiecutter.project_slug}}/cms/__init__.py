"""Content management: pages and posts with an editorial workflow, tags, categories, comments."""

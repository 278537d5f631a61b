"""The maintainers' verbs (they need requirements-dev.txt): test, test-pythons,
lint, bench, lock."""

"""The course runner: python -m course VERB [NN] (see python -m course --help)."""

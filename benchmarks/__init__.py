"""Benchmarks: scripts that print accuracy and speed figures on the corpora in ../shared/corpora."""

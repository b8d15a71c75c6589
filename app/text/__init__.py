"""Text analysis shared by the loader and the search: folding, morphology, analyzers."""

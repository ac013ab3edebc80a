"""Performance benchmarks of the pipeline (`make bench`); not part of the runtime package."""

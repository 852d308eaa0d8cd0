"""Speed and memory benchmarks: ``python -m tests.benchmarks NAME``. Not part of the tests."""

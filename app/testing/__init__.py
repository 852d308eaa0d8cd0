"""Tools shipped with the app for its self-test and the test suite (the tiny model)."""

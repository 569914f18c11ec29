"""The REST interface (DRF). Views parse input, call one domain service or selector, and
render the result; domain errors become JSON errors with stable codes in one handler."""

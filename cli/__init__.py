"""The `tandem` command line: parser, dispatch and one module of handlers per area."""

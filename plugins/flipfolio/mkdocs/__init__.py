"""The MkDocs adapter: hooks that turn a loaded portfolio into MkDocs pages."""

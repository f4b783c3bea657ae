"""Web pages: views, URLs and forms, one module per stage; thin callers of services and selectors."""

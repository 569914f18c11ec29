"""Server-rendered pages: the member portal and the treasurer's dashboard."""

"""Server-rendered pages: the member portal and the treasurer's dashboard.

Module map:
    urls.py          routes: auth pages (Django's views), /, /me/..., /cashbook/,
                     /dashboard/
    access.py        who may open which page (member: own data only; staff: dashboard)
    views.py         home dispatch, cash book, dashboard
    member_views.py  member home, statement (+ PDF), receipts and invoices (+ PDFs)
    selectors.py     reads the domain apps do not offer: cash position per month,
                     dues collection per region, recent entries, member documents
    svg.py           server-side SVG line and bar charts (accessible, no JavaScript)
    pdf.py           the member statement as PDF (ReportLab)
    templatetags/    the ``rupiah`` filter (``Rp 1.234.567``) and ``estama_role``

Invariants:
    - pages compute no money themselves: figures come from ledger, members, sales
      and reports selectors; a member's pages take the member from the login, never
      from the URL, so another member's data or document answers 404;
    - no external network at runtime: CSS lives in static/, charts are inline SVG,
      and the pages need no JavaScript;
    - every text is translatable (Indonesian msgids, English in locale/en).
"""

"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) for phản ánh, kiến nghị: partner apps list the
services (the content categories of NĐ 20/2008 Điều 5), submit feedback with an API key issued by an
administrator, and read the public state of feedback, never the submitter's personal data."""

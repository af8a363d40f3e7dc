"""The portal's metric bindings on the shipped 2019 plan: which result's indicator the portal measures itself
(DOMAIN.md §7, issue 7 §4), added to the plan's JSON before it is built (services.load_plan_json).

The appendix of the 2019 plan states the measurable targets in two places:
* on three of its results: Kết quả 2.2 (TTHC controlled; its activity 2.2.2 expects "100% TTHC được niêm
  yết, công khai") → PROCEDURES_PUBLISHED, and Kết quả 3.4 ("Lựa chọn 1-2 dịch vụ công … điều tra mức độ hài
  lòng") → SERVICES_SURVEYED. See RESULT_BINDINGS.
* in the plan's section "2. Mục tiêu cụ thể năm 2019" (satisfaction 80%, cases on time ≥ 95%) and as
  expected results of activities 2.3.2 (PAKN on time > 80%) and 2.3.3 (late cases with apology 100%).
  These are not results of the appendix, so the loader adds them as the results of one extra field, code
  "MT" ("Mục tiêu cụ thể", placed first), each with a source_note saying where its text comes from.
  The field has no activities and no budget, and the transcription test compares Lĩnh vực I–VIII only.
  See TARGET_FIELD.
Kết quả 2.3 ("all PAKN received and advised on in time", 100%) stays reported by its lead unit: its
measurable part is the "> 80% on time" target of 2.3.2, bound once in MT.3 (a metric is bound once per plan).
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from portal.plan.rules import Metric

RESULT_BINDINGS: dict[str, tuple[Metric, str]] = {
    "2.2": (Metric.PROCEDURES_PUBLISHED,
            "Bound by the portal: measured as procedures published with every component, the expected result "
            "of activity 2.2.2 (100% TTHC được niêm yết, công khai)."),
    "3.4": (Metric.SERVICES_SURVEYED,
            "Bound by the portal: measured as the number of services covered by a satisfaction survey."),
}

TARGET_FIELD = {
    "code": "MT",
    "title": "Mục tiêu cụ thể",
    "goals": "",
    "stated_total": None,
    "source_note": "Not a field of the appendix. The measurable targets of section 2 \"Mục tiêu cụ thể năm 2019\" "
                   "of the plan and of the expected results of activities 2.3.2 and 2.3.3, kept as results so "
                   "that the portal can measure them. No activities, no budget.",
    "results": [
        {"code": "MT.1", "title": "Sự hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính",
         "indicator": "80% người dân, doanh nghiệp hài lòng về giải quyết thủ tục hành chính",
         "target": {"value": 80, "unit": "%", "direction": ">="}, "metric": Metric.SATISFACTION.value,
         "stated_total": None, "activities": [],
         "source_note": "From section 2 \"Mục tiêu cụ thể năm 2019\" of the plan (cải cách thủ tục hành chính, "
                        "01 cửa, 01 cửa liên thông), not from the appendix."},
        {"code": "MT.2", "title": "Hồ sơ thủ tục hành chính được giải quyết đúng hẹn",
         "indicator": "Bộ phận tiếp nhận và trả kết quả các cấp thực hiện giải quyết hồ sơ đúng hẹn đạt từ 95% "
                      "trở lên",
         "target": {"value": 95, "unit": "%", "direction": ">="}, "metric": Metric.CASES_ON_TIME.value,
         "stated_total": None, "activities": [],
         "source_note": "From section 2 \"Mục tiêu cụ thể năm 2019\" of the plan, not from the appendix."},
        {"code": "MT.3", "title": "Phản ánh, kiến nghị được xử lý đúng thời hạn",
         "indicator": "Trên 80% phản ánh, kiến nghị được xử lý theo đúng thời hạn và quy định",
         "target": {"value": 80, "unit": "%", "direction": ">"}, "metric": Metric.FEEDBACK_ON_TIME.value,
         "stated_total": None, "activities": [],
         "source_note": "The expected result of activity 2.3.2 of the appendix, kept as a target the portal "
                        "measures."},
        {"code": "MT.4", "title": "Hồ sơ trễ hạn có văn bản xin lỗi",
         "indicator": "100% TTHC trễ hạn phải ban hành văn bản xin lỗi đúng thẩm quyền theo quy định",
         "target": {"value": 100, "unit": "%", "direction": ">="}, "metric": Metric.LATE_WITH_APOLOGY.value,
         "stated_total": None, "activities": [],
         "source_note": "The expected result of activity 2.3.3 of the appendix, kept as a target the portal "
                        "measures."},
    ],
}


def plan_json_with_targets(data: Mapping) -> dict:
    """The shipped JSON plus the portal's bindings: the "Mục tiêu cụ thể" field first, then the bound results."""
    data = json.loads(json.dumps(data))  # deep copy
    for f in data["fields"]:
        for r in f["results"]:
            binding = RESULT_BINDINGS.get(r["code"])
            if binding and not r.get("metric"):
                r["metric"] = binding[0].value
                r["source_note"] = "\n".join(x for x in (r.get("source_note") or "", binding[1]) if x)
    if not any(f["code"] == TARGET_FIELD["code"] for f in data["fields"]):
        data["fields"] = [json.loads(json.dumps(TARGET_FIELD))] + data["fields"]
    return data

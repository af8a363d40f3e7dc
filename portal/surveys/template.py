"""The standard SIPAS-style questionnaire (QĐ 2640/QĐ-BNV 2017): five factors, each asked as an
assessment, a satisfaction and an expectation, in Vietnamese (survey content, not interface text).
The feedback-handling factor is asked only of people who sent a góp ý, phản ánh or kiến nghị."""
from __future__ import annotations

from portal.surveys.rules import Aspect, Factor, QuestionType

ASSESS = QuestionType.SCALE5
OFFICE = "UBND thị xã Gia Nghĩa"

# factor: (subject, assessment text, satisfaction text, expectation text, expectation options)
FACTOR_QUESTIONS = {
    Factor.ACCESS: (
        "Ông/Bà đánh giá thế nào về nơi tiếp nhận và trả kết quả (Bộ phận Một cửa {office}): chỗ ngồi, "
        "trang thiết bị, sự thuận tiện khi tìm đến?",
        "Ông/Bà hài lòng ở mức nào về việc tiếp cận dịch vụ tại Bộ phận Một cửa {office}?",
        "Theo Ông/Bà, cần ưu tiên cải thiện điều gì ở nơi tiếp nhận hồ sơ?",
        ["Chỗ ngồi chờ, nước uống, quạt mát", "Máy lấy số thứ tự, màn hình tra cứu",
         "Biển chỉ dẫn, chỗ để xe", "Không cần cải thiện thêm"],
    ),
    Factor.PROCEDURE: (
        "Ông/Bà đánh giá thế nào về thủ tục hành chính đã thực hiện (thành phần hồ sơ, mức phí, thời hạn "
        "giải quyết được niêm yết công khai, dễ hiểu)?",
        "Ông/Bà hài lòng ở mức nào về thủ tục hành chính đã thực hiện?",
        "Theo Ông/Bà, thủ tục này cần được cải thiện ở điểm nào nhất?",
        ["Giảm thành phần hồ sơ, giấy tờ", "Rút ngắn thời hạn giải quyết", "Giảm phí, lệ phí",
         "Cho nộp và nhận kết quả trực tuyến", "Không cần cải thiện thêm"],
    ),
    Factor.CIVIL_SERVANTS: (
        "Ông/Bà đánh giá thế nào về công chức tiếp nhận và giải quyết hồ sơ (thái độ lịch sự, hướng dẫn "
        "đầy đủ, một lần, dễ hiểu)?",
        "Ông/Bà hài lòng ở mức nào về công chức trực tiếp giải quyết công việc của Ông/Bà?",
        "Ông/Bà mong muốn công chức cải thiện điều gì nhất?",
        ["Thái độ giao tiếp", "Hướng dẫn rõ ràng, một lần", "Tinh thần trách nhiệm, đúng hẹn",
         "Không cần cải thiện thêm"],
    ),
    Factor.RESULT: (
        "Ông/Bà đánh giá thế nào về kết quả nhận được (đúng quy định, thông tin chính xác, trả đúng hoặc "
        "sớm hơn ngày hẹn)?",
        "Ông/Bà hài lòng ở mức nào về kết quả giải quyết thủ tục hành chính?",
        "Ông/Bà mong muốn kết quả được trả như thế nào?",
        ["Trả sớm hơn thời hạn", "Gửi qua bưu điện đến tận nhà", "Nhận bản điện tử", "Như hiện nay là phù hợp"],
    ),
    Factor.FEEDBACK_HANDLING: (
        "Ông/Bà đánh giá thế nào về việc {office} tiếp nhận và trả lời góp ý, phản ánh, kiến nghị của "
        "Ông/Bà (kịp thời, đầy đủ, rõ ràng)?",
        "Ông/Bà hài lòng ở mức nào về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị?",
        "Theo Ông/Bà, việc tiếp nhận, xử lý phản ánh, kiến nghị cần cải thiện điều gì?",
        ["Nhiều kênh tiếp nhận hơn (điện thoại, mạng xã hội)", "Trả lời nhanh hơn",
         "Công khai kết quả xử lý", "Không cần cải thiện thêm"],
    ),
}
FEEDBACK_GATE = "Trong quá trình giải quyết hồ sơ, Ông/Bà có gửi góp ý, phản ánh, kiến nghị không?"
GATE_OPTIONS = ["Có", "Không"]
CLOSING = "Ông/Bà có ý kiến nào khác để {office} phục vụ tốt hơn không?"


def standard_questions(service_names: list[str], office: str = OFFICE) -> list[dict]:
    """Question specs in order; "condition_ref" is the index of an earlier spec (ids do not exist yet). `office`: the
    committee as citizens knew it in the surveyed period (the organisation profile of its first day)."""
    specs: list[dict] = []
    if service_names:
        specs.append({"factor": None, "aspect": None, "kind": QuestionType.SINGLE, "required": True,
                      "text": "Ông/Bà đã thực hiện thủ tục hành chính nào tại " + office + "?",
                      "options": list(service_names)})
    for factor, (assessment, satisfaction, expectation, options) in FACTOR_QUESTIONS.items():
        gate = None
        if factor == Factor.FEEDBACK_HANDLING:
            specs.append({"factor": None, "aspect": None, "kind": QuestionType.SINGLE, "required": True,
                          "text": FEEDBACK_GATE, "options": list(GATE_OPTIONS)})
            gate = {"ref": len(specs) - 1, "op": "equals", "value": "Có"}
        for aspect, text, kind, opts in ((Aspect.ASSESSMENT, assessment, ASSESS, []),
                                         (Aspect.SATISFACTION, satisfaction, QuestionType.SCALE5, []),
                                         (Aspect.EXPECTATION, expectation, QuestionType.SINGLE, options)):
            specs.append({"factor": factor, "aspect": aspect, "kind": kind, "required": aspect != Aspect.EXPECTATION,
                          "text": text.format(office=office), "options": list(opts), "condition_ref": gate})
    specs.append({"factor": None, "aspect": None, "kind": QuestionType.TEXT, "required": False,
                  "text": CLOSING.format(office=office), "options": []})
    return specs

"""The Vietnamese texts of the demo phản ánh, kiến nghị, loaded by portal/demo/feedback.py: what people write
about (each topic with its title, content, the question as published and the answer, and the units that
handle it), and the notes staff write when they reject, transfer, ask for more or send a draft back.
Pure data, no imports.
"""

TOWN_OFFICE = "000.01.26.H17"
REJECT_REASONS = [("complaint", "Nội dung là khiếu nại đối với quyết định hành chính, thực hiện theo Luật Khiếu nại."),
                  ("already_answered", "Nội dung đã được trả lời tại văn bản trước đây, không có tình tiết mới."),
                  ("legal_question", "Nội dung là hỏi đáp pháp luật, không thuộc phạm vi phản ánh, kiến nghị.")]
TRANSFER_TO = ["Chuyển Sở Tài nguyên và Môi trường tỉnh Đắk Nông xem xét theo thẩm quyền.",
               "Chuyển Công an thị xã Gia Nghĩa xem xét theo thẩm quyền.",
               "Chuyển Điện lực Gia Nghĩa xem xét, trả lời công dân."]
SUPPLEMENT_NOTES = ["Đề nghị cung cấp số biên nhận hồ sơ và ngày nộp.", "Đề nghị cho biết địa điểm cụ thể (số nhà, tổ dân phố).",
                    "Đề nghị gửi ảnh chụp hiện trạng."]
SUPPLEMENT_REPLIES = ["Công dân đã cung cấp số biên nhận qua điện thoại.", "Công dân bổ sung địa điểm cụ thể.",
                      "Công dân gửi bổ sung ảnh chụp hiện trạng qua thư điện tử."]
# A feedback the desk had not yet accepted on 31 December is forwarded to the competent body in January
# (demo_close.py): the topic's own "forward_to", else this one.
FORWARD_DEFAULT = "Chuyển Văn phòng UBND tỉnh Đắk Nông xem xét, xử lý theo thẩm quyền."
RETURN_NOTES = ["Đề nghị nêu rõ căn cứ pháp lý và thời hạn khắc phục.", "Dự thảo chưa trả lời hết nội dung kiến nghị."]


# ---------------------------------------------------------------- what people write about
# units: the handling units in order of preference (codes of portal/demo/seed.py); the first one with a
# handler in the seed takes it, else the town office. {place}, {street}, {days} are filled in.
_VP, _TP, _NT = TOWN_OFFICE, "000.03.26.H17", "000.14.26.H17"
TOPICS = [
    {"kind": "phan_anh", "category": "obstruction", "subject": "behaviour", "units": [_VP],
     "title": "Chậm trả kết quả cấp giấy chứng nhận quyền sử dụng đất",
     "content": "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất tại Bộ phận Một cửa thị xã, "
                "giấy biên nhận hẹn trả kết quả nhưng đã quá hẹn {days} ngày vẫn chưa có kết quả, cũng không "
                "nhận được phiếu xin lỗi và hẹn lại ngày trả.",
     "public_question": "Công dân ở {place} phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất quá hẹn {days} "
                        "ngày chưa trả kết quả, không có phiếu xin lỗi.",
     "answer": "Qua kiểm tra, hồ sơ chậm do phải xác minh nguồn gốc đất với UBND cấp xã. Văn phòng HĐND và UBND "
               "thị xã đã đôn đốc hoàn thành, trả kết quả cho công dân và yêu cầu bộ phận liên quan gửi phiếu xin "
               "lỗi theo đúng quy định; đồng thời chấn chỉnh việc theo dõi thời hạn giải quyết hồ sơ."},
    {"kind": "phan_anh", "category": "obstruction", "subject": "behaviour", "units": [_NT, _VP],
     "title": "Thái độ của cán bộ tiếp nhận hồ sơ chưa đúng mực",
     "content": "Khi đến nộp hồ sơ tại bộ phận một cửa {place}, cán bộ tiếp nhận nói năng cộc cằn, không hướng "
                "dẫn cụ thể giấy tờ cần bổ sung mà yêu cầu về nhà tự tìm hiểu.",
     "public_question": "Phản ánh về thái độ của cán bộ tiếp nhận hồ sơ tại bộ phận một cửa {place} chưa đúng "
                        "mực, không hướng dẫn cụ thể.",
     "answer": "Đơn vị đã làm việc với cán bộ tiếp nhận, yêu cầu kiểm điểm và nghiêm túc thực hiện quy tắc ứng xử "
               "của cán bộ, công chức; niêm yết công khai danh mục giấy tờ từng thủ tục và hướng dẫn đầy đủ một lần "
               "cho người dân."},
    {"kind": "kien_nghi", "category": "solution", "subject": "regulation", "units": [_VP],
     "title": "Đề nghị bổ sung thủ tục đăng ký kinh doanh hộ cá thể trực tuyến",
     "content": "Tôi đề nghị thị xã cho phép nộp hồ sơ đăng ký hộ kinh doanh qua mạng, thanh toán lệ phí trực "
                "tuyến và nhận kết quả qua bưu điện để người dân ở {place} không phải đi lại nhiều lần.",
     "public_question": "Kiến nghị cung cấp dịch vụ công trực tuyến toàn trình cho thủ tục đăng ký hộ kinh doanh.",
     "answer": "Thủ tục đăng ký hộ kinh doanh đã được cung cấp trực tuyến toàn trình trên Cổng Dịch vụ công quốc "
               "gia; người dân có thể nộp hồ sơ, nộp lệ phí trực tuyến và chọn nhận kết quả qua dịch vụ bưu chính "
               "công ích. Bộ phận Một cửa sẵn sàng hướng dẫn khi có yêu cầu."},
    {"kind": "phan_anh", "category": "other", "subject": "regulation", "units": [_VP],
     "title": "Đường {street} xuống cấp, nhiều ổ gà",
     "content": "Đoạn đường {street} thuộc {place} xuống cấp nghiêm trọng, nhiều ổ gà, mùa mưa đọng nước gây mất "
                "an toàn cho học sinh và người tham gia giao thông. Đề nghị sớm sửa chữa.",
     "public_question": "Phản ánh đoạn đường {street} thuộc {place} xuống cấp, nhiều ổ gà, đọng nước mùa mưa.",
     "answer": "UBND thị xã đã giao Phòng Quản lý đô thị kiểm tra hiện trạng, bố trí kinh phí duy tu và vá ổ gà "
               "trong quý tới; trước mắt đặt biển cảnh báo tại các vị trí nguy hiểm."},
    {"kind": "kien_nghi", "category": "unsuitable", "subject": "regulation", "units": [_VP],
     "title": "Quy định diện tích tối thiểu tách thửa chưa phù hợp thực tế",
     "forward_to": "Chuyển Sở Tài nguyên và Môi trường tỉnh Đắk Nông xem xét theo thẩm quyền.",
     "content": "Quy định diện tích tối thiểu được tách thửa đất ở tại {place} quá lớn so với thực tế sử dụng đất "
                "của các hộ gia đình, khiến nhiều hộ không thể tách thửa cho con cái. Đề nghị xem xét điều chỉnh.",
     "public_question": "Kiến nghị điều chỉnh diện tích tối thiểu được tách thửa đất ở cho phù hợp thực tế tại "
                        "{place}.",
     "answer": "Diện tích tối thiểu tách thửa do UBND tỉnh quy định. UBND thị xã ghi nhận kiến nghị, đã tổng hợp gửi "
               "Sở Tài nguyên và Môi trường để tham mưu UBND tỉnh khi sửa đổi quy định."},
    {"kind": "kien_nghi", "category": "inconsistent", "subject": "regulation", "units": [_TP, _NT],
     "title": "Yêu cầu giấy tờ trùng lặp khi đăng ký khai sinh",
     "content": "Khi đăng ký khai sinh cho con tại {place}, tôi được yêu cầu nộp bản sao sổ hộ khẩu và giấy xác nhận "
                "cư trú, trong khi thông tin đã có trên Cơ sở dữ liệu quốc gia về dân cư.",
     "public_question": "Kiến nghị không yêu cầu bản sao giấy tờ về cư trú khi đăng ký khai sinh vì thông tin đã có "
                        "trong Cơ sở dữ liệu quốc gia về dân cư.",
     "answer": "Theo quy định hiện hành, cơ quan đăng ký hộ tịch khai thác thông tin cư trú từ Cơ sở dữ liệu quốc gia "
               "về dân cư, không yêu cầu người dân nộp bản sao. Phòng Tư pháp đã hướng dẫn lại các phường, xã và "
               "chấn chỉnh việc yêu cầu giấy tờ không đúng quy định."},
    {"kind": "phan_anh", "category": "unsuitable", "subject": "regulation", "units": [_VP],
     "title": "Thời gian cấp giấy phép xây dựng nhà ở riêng lẻ kéo dài",
     "content": "Hồ sơ xin cấp giấy phép xây dựng nhà ở của tôi tại {place} bị yêu cầu bổ sung bản vẽ nhiều lần, "
                "mỗi lần một nội dung khác nhau, kéo dài hơn {days} ngày.",
     "public_question": "Phản ánh hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ bị yêu cầu bổ sung nhiều lần.",
     "answer": "Đơn vị đã rà soát hồ sơ; việc yêu cầu bổ sung nhiều lần là chưa đúng quy định về hướng dẫn một lần. "
               "Giấy phép đã được cấp; UBND thị xã yêu cầu bộ phận chuyên môn ban hành phiếu hướng dẫn đầy đủ ngay "
               "khi tiếp nhận."},
    {"kind": "phan_anh", "category": "obstruction", "subject": "behaviour", "units": [_NT, _TP],
     "title": "Thu thêm tiền sao chụp giấy tờ khi chứng thực",
     "content": "Tại bộ phận chứng thực của {place}, người dân bị thu thêm tiền sao chụp giấy tờ ngoài lệ phí chứng "
                "thực mà không có biên lai.",
     "public_question": "Phản ánh việc thu thêm tiền sao chụp ngoài lệ phí chứng thực, không có biên lai tại {place}.",
     "answer": "Qua kiểm tra, việc sao chụp do dịch vụ tư nhân đặt cạnh bộ phận một cửa thực hiện. Đơn vị đã yêu cầu "
               "tách bạch dịch vụ này, niêm yết công khai mức lệ phí chứng thực và chỉ thu lệ phí có biên lai."},
    {"kind": "kien_nghi", "category": "initiative", "subject": "regulation", "units": [_VP],
     "title": "Đề xuất nhắn tin báo khi có kết quả hồ sơ",
     "content": "Tôi đề xuất Bộ phận Một cửa nhắn tin SMS hoặc Zalo cho người dân khi hồ sơ có kết quả, để không "
                "phải đến hỏi nhiều lần.",
     "public_question": "Sáng kiến gửi tin nhắn thông báo cho người dân khi hồ sơ có kết quả.",
     "answer": "UBND thị xã ghi nhận sáng kiến. Từ nay, hệ thống một cửa điện tử gửi tin nhắn và thư điện tử cho "
               "người nộp hồ sơ khi có kết quả hoặc cần bổ sung; người dân có thể tra cứu bằng mã hồ sơ trên cổng."},
    {"kind": "phan_anh", "category": "other", "subject": "regulation", "units": [_NT, _VP],
     "title": "Đèn chiếu sáng công cộng hư hỏng",
     "content": "Nhiều bóng đèn chiếu sáng trên tuyến đường {street} thuộc {place} hư hỏng đã lâu, buổi tối rất tối, "
                "tiềm ẩn nguy cơ mất an ninh trật tự.",
     "public_question": "Phản ánh đèn chiếu sáng công cộng trên đường {street}, {place} hư hỏng.",
     "answer": "Đơn vị quản lý chiếu sáng đã kiểm tra và thay thế các bóng đèn hư hỏng; người dân tiếp tục phản ánh "
               "qua đường dây nóng nếu phát hiện hư hỏng mới."},
    {"kind": "kien_nghi", "category": "inconsistent", "subject": "regulation", "units": [_VP],
     "title": "Thời hạn giải quyết niêm yết không thống nhất",
     "content": "Thời hạn giải quyết thủ tục chuyển mục đích sử dụng đất niêm yết tại Bộ phận Một cửa thị xã khác "
                "với thời hạn đăng trên Cổng Dịch vụ công của tỉnh. Đề nghị thống nhất để người dân biết.",
     "public_question": "Kiến nghị thống nhất thời hạn giải quyết thủ tục chuyển mục đích sử dụng đất giữa nơi niêm "
                        "yết và Cổng Dịch vụ công.",
     "answer": "Văn phòng HĐND và UBND thị xã đã rà soát, cập nhật lại bảng niêm yết theo quyết định công bố thủ tục "
               "hành chính mới nhất của UBND tỉnh; thông tin hai nơi nay đã thống nhất."},
    {"kind": "phan_anh", "category": "other", "subject": "regulation", "units": [_VP],
     "title": "Lỗi thanh toán lệ phí trên Cổng Dịch vụ công",
     "forward_to": "Chuyển Văn phòng UBND tỉnh Đắk Nông, cơ quan vận hành Cổng Dịch vụ công của tỉnh, xử lý theo "
                   "thẩm quyền.",
     "content": "Tôi nộp hồ sơ trực tuyến nhưng khi thanh toán lệ phí thì hệ thống báo lỗi, tài khoản đã bị trừ tiền "
                "mà hồ sơ vẫn ở trạng thái chưa thanh toán.",
     "public_question": "Phản ánh lỗi thanh toán lệ phí trực tuyến: tài khoản bị trừ tiền nhưng hồ sơ báo chưa "
                        "thanh toán.",
     "answer": "Bộ phận Một cửa đã đối soát với đơn vị cung cấp dịch vụ thanh toán, xác nhận khoản lệ phí đã nộp và "
               "tiếp tục xử lý hồ sơ. Lỗi do đường truyền đã được khắc phục."},
    {"kind": "kien_nghi", "category": "treaty_conflict", "subject": "regulation", "units": [_TP],
     "title": "Yêu cầu hợp pháp hóa lãnh sự giấy tờ được miễn theo hiệp định",
     "forward_to": "Chuyển Sở Tư pháp tỉnh Đắk Nông xem xét, hướng dẫn theo thẩm quyền.",
     "content": "Khi đăng ký kết hôn có yếu tố nước ngoài, tôi được yêu cầu hợp pháp hóa lãnh sự giấy tờ do nước "
                "ngoài cấp, trong khi hiệp định tương trợ tư pháp giữa hai nước đã miễn thủ tục này.",
     "public_question": "Kiến nghị không yêu cầu hợp pháp hóa lãnh sự đối với giấy tờ được miễn theo hiệp định "
                        "tương trợ tư pháp.",
     "answer": "Phòng Tư pháp xác nhận giấy tờ do cơ quan có thẩm quyền của nước đã ký hiệp định tương trợ tư pháp "
               "với Việt Nam được miễn hợp pháp hóa lãnh sự; đã hướng dẫn cán bộ tiếp nhận thực hiện đúng."},
    {"kind": "phan_anh", "category": "illegal", "subject": "regulation", "units": [_TP, _VP],
     "title": "Văn bản của phường yêu cầu xác nhận không có trong quy định",
     "content": "Thông báo của {place} yêu cầu người dân phải có xác nhận của tổ dân phố trước khi nộp hồ sơ chứng "
                "thực, điều này không có trong quy định của pháp luật.",
     "public_question": "Phản ánh văn bản của cấp xã đặt thêm yêu cầu xác nhận của tổ dân phố trước khi chứng thực.",
     "answer": "Phòng Tư pháp đã kiểm tra; yêu cầu này trái quy định. UBND thị xã đã chỉ đạo bãi bỏ thông báo và "
               "nhắc nhở các phường, xã không đặt thêm thủ tục, giấy tờ ngoài quy định."},
]

"""Demo catalogue of administrative procedures (thủ tục hành chính) for the 2019 town of Gia Nghĩa.

Pure data, no imports from the application. Shapes:

FIELDS      list of (code, name): the sectors (lĩnh vực) used by the procedures below.
PROCEDURES  list of dicts, the CURRENT published version of each procedure (keys: PROCEDURE_KEYS).
            "decision" is the provincial chairman's publishing decision (quyết định công bố):
            {"number", "date", "type": "new"} or, for an amended procedure,
            {"number", "date", "type": "amended", "changed": [keys that changed]}.
HISTORY     {procedure code: [earlier versions, oldest first]}. Each earlier version holds only the keys
            whose value differed from the version that followed it, plus its own "decision" (type "new").
            Rebuild version n by overlaying HISTORY entries on the current version, newest first.
ABOLISHED   list of full procedure dicts: the last published version (its "decision" is the decision
            that published it) plus "abolished_decision" {"number", "date", "type": "abolished"}.

Codes follow the national database pattern "<mã TTHC>.000.00.00.H17"; H17 stands in for the province
suffix. Legal texts are the real ones in force in 2018–2019. Where a fee is set by the provincial
People's Council (HĐND tỉnh), the amount is a realistic demo figure and the description says so.
Decision numbers are demo numbers in the style of Đắk Nông province.
"""
from __future__ import annotations

# Units (see portal/demo/seed.py). Land, construction, labour–social and education procedures of the
# town were handled by offices outside the demo unit list; the Văn phòng HĐND và UBND receives them.
_OFFICE = "000.01.26.H17"    # Văn phòng HĐND và UBND thị xã
_HOME = "000.02.26.H17"      # Phòng Nội vụ
_JUSTICE = "000.03.26.H17"   # Phòng Tư pháp
_FINANCE = "000.04.26.H17"   # Phòng Tài chính – Kế hoạch
_CULTURE = "000.05.26.H17"   # Phòng Văn hóa và Thông tin
_COMMUNE = "000.14.26.H17"   # UBND phường Nghĩa Tân, representative ward/commune unit

_DESK_TOWN = "Bộ phận Tiếp nhận và Trả kết quả UBND thị xã Gia Nghĩa (số 02 Võ Văn Tần, phường Nghĩa Tân)"
_DESK_COMMUNE = "Bộ phận Tiếp nhận và Trả kết quả UBND phường, xã"

_SAME_DAY = ("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
             "được ngay thì trả kết quả trong ngày làm việc tiếp theo")

FIELDS: list[tuple[str, str]] = [
    ("HT", "Hộ tịch"),
    ("CT", "Chứng thực"),
    ("DD", "Đất đai"),
    ("MT", "Môi trường"),
    ("XD", "Hoạt động xây dựng"),
    ("KD", "Thành lập và hoạt động của hộ kinh doanh"),
    ("HTX", "Thành lập và hoạt động của hợp tác xã"),
    ("BTXH", "Bảo trợ xã hội"),
    ("NCC", "Người có công"),
    ("GD", "Giáo dục và Đào tạo"),
    ("VH", "Văn hóa"),
    ("TG", "Tín ngưỡng, tôn giáo"),
    ("TDKT", "Thi đua, khen thưởng"),
    ("HGCS", "Hòa giải ở cơ sở"),
    ("KN", "Giải quyết khiếu nại"),
]

PROCEDURE_KEYS = (
    "code", "name", "field", "level", "unit", "steps", "channels", "documents", "sets",
    "processing_days", "processing_note", "applicants", "result", "fee_amount", "fee_description",
    "conditions", "legal_basis", "online_level", "old_online_level", "forms", "decision",
)
DOCUMENT_KINDS = ("original", "certified_copy", "copy", "original_or_certified")
CHANNELS = ("in_person", "post", "online")
ONLINE_LEVELS = ("full", "partial", "none")


def _doc(name: str, kind: str = "original", count: int = 1) -> dict:
    return {"name": name, "kind": kind, "count": count}


def _new(number: str, date: str) -> dict:
    return {"number": number, "date": date, "type": "new"}


def _amended(number: str, date: str, changed: list[str]) -> dict:
    return {"number": number, "date": date, "type": "amended", "changed": list(changed)}


# Recurrent legal bases.
_HT_LAW = (
    "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014;\n"
    "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp "
    "thi hành Luật Hộ tịch;\n"
    "Thông tư số 15/2015/TT-BTP ngày 16/11/2015 của Bộ Tư pháp quy định chi tiết thi hành một số điều của "
    "Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP;\n"
    "Thông tư số 250/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc thẩm "
    "quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc trung ương;\n"
    "Nghị quyết của Hội đồng nhân dân tỉnh Đắk Nông quy định mức thu, chế độ thu, nộp, quản lý và sử dụng "
    "lệ phí hộ tịch trên địa bàn tỉnh"
)
_CT_LAW = (
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao "
    "từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch;\n"
    "Thông tư số 01/2016/TT-BTP ngày 03/3/2016 của Bộ Tư pháp hướng dẫn thực hiện một số thủ tục về cấp "
    "bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, "
    "giao dịch;\n"
    "Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản "
    "lý và sử dụng phí chứng thực"
)
_DD_LAW = (
    "Luật Đất đai số 45/2013/QH13 ngày 29/11/2013;\n"
    "Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định chi tiết thi hành một số điều của "
    "Luật Đất đai;\n"
    "Nghị định số 01/2017/NĐ-CP ngày 06/01/2017 của Chính phủ sửa đổi, bổ sung một số nghị định quy định "
    "chi tiết thi hành Luật Đất đai"
)
_XD_LAW = (
    "Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014;\n"
    "Nghị định số 59/2015/NĐ-CP ngày 18/6/2015 của Chính phủ về quản lý dự án đầu tư xây dựng;\n"
    "Nghị định số 42/2017/NĐ-CP ngày 05/4/2017 của Chính phủ sửa đổi, bổ sung một số điều Nghị định số "
    "59/2015/NĐ-CP;\n"
    "Thông tư số 15/2016/TT-BXD ngày 30/6/2016 của Bộ Xây dựng hướng dẫn về cấp giấy phép xây dựng"
)
_HKD_LAW = (
    "Luật Doanh nghiệp số 68/2014/QH13 ngày 26/11/2014;\n"
    "Nghị định số 78/2015/NĐ-CP ngày 14/9/2015 của Chính phủ về đăng ký doanh nghiệp;\n"
    "Nghị định số 108/2018/NĐ-CP ngày 23/8/2018 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định "
    "số 78/2015/NĐ-CP;\n"
    "Thông tư số 20/2015/TT-BKHĐT ngày 01/12/2015 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký doanh "
    "nghiệp;\n"
    "Thông tư số 02/2019/TT-BKHĐT ngày 08/01/2019 của Bộ Kế hoạch và Đầu tư sửa đổi, bổ sung một số điều "
    "của Thông tư số 20/2015/TT-BKHĐT"
)
_BTXH_LAW = (
    "Nghị định số 136/2013/NĐ-CP ngày 21/10/2013 của Chính phủ quy định chính sách trợ giúp xã hội đối "
    "với đối tượng bảo trợ xã hội;\n"
    "Nghị định số 140/2018/NĐ-CP ngày 08/10/2018 của Chính phủ sửa đổi, bổ sung các nghị định liên quan "
    "đến điều kiện đầu tư kinh doanh và thủ tục hành chính thuộc phạm vi quản lý nhà nước của Bộ Lao "
    "động – Thương binh và Xã hội;\n"
    "Thông tư liên tịch số 29/2014/TTLT-BLĐTBXH-BTC ngày 24/10/2014 của Bộ Lao động – Thương binh và Xã "
    "hội, Bộ Tài chính hướng dẫn thực hiện một số điều của Nghị định số 136/2013/NĐ-CP"
)
_NKT_LAW = (
    "Luật Người khuyết tật số 51/2010/QH12 ngày 17/6/2010;\n"
    "Nghị định số 28/2012/NĐ-CP ngày 10/4/2012 của Chính phủ quy định chi tiết và hướng dẫn thi hành một "
    "số điều của Luật Người khuyết tật;\n"
    "Thông tư liên tịch số 37/2012/TTLT-BLĐTBXH-BYT-BTC-BGDĐT ngày 28/12/2012 quy định về việc xác định "
    "mức độ khuyết tật do Hội đồng xác định mức độ khuyết tật thực hiện"
)
_NCC_LAW = (
    "Pháp lệnh Ưu đãi người có công với cách mạng số 26/2005/PL-UBTVQH11 ngày 29/6/2005; Pháp lệnh số "
    "04/2012/UBTVQH13 ngày 16/7/2012 sửa đổi, bổ sung một số điều của Pháp lệnh Ưu đãi người có công với "
    "cách mạng;\n"
    "Nghị định số 31/2013/NĐ-CP ngày 09/4/2013 của Chính phủ quy định chi tiết, hướng dẫn thi hành một số "
    "điều của Pháp lệnh Ưu đãi người có công với cách mạng;\n"
    "Thông tư số 05/2013/TT-BLĐTBXH ngày 15/5/2013 của Bộ Lao động – Thương binh và Xã hội hướng dẫn về "
    "thủ tục lập hồ sơ, quản lý hồ sơ, thực hiện chế độ ưu đãi người có công với cách mạng và thân nhân"
)
_TG_LAW = (
    "Luật Tín ngưỡng, tôn giáo số 02/2016/QH14 ngày 18/11/2016;\n"
    "Nghị định số 162/2017/NĐ-CP ngày 30/12/2017 của Chính phủ quy định chi tiết một số điều và biện pháp "
    "thi hành Luật Tín ngưỡng, tôn giáo"
)
_HGCS_LAW = (
    "Luật Hòa giải ở cơ sở số 35/2013/QH13 ngày 20/6/2013;\n"
    "Nghị định số 15/2014/NĐ-CP ngày 27/02/2014 của Chính phủ quy định chi tiết một số điều và biện pháp "
    "thi hành Luật Hòa giải ở cơ sở;\n"
    "Nghị quyết liên tịch số 01/2014/NQLT/CP-UBTWMTTQVN ngày 18/11/2014 của Chính phủ và Ủy ban Trung "
    "ương Mặt trận Tổ quốc Việt Nam hướng dẫn phối hợp thực hiện một số quy định của pháp luật về hòa giải "
    "ở cơ sở"
)
_VHGD_LAW = (
    "Nghị định số 122/2018/NĐ-CP ngày 17/9/2018 của Chính phủ quy định về xét tặng danh hiệu "
    "“Gia đình văn hóa”; “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa”, "
    "“Tổ dân phố văn hóa”"
)

PROCEDURES: list[dict] = []

# ---------------------------------------------------------------------------------------------------
# Hộ tịch
# ---------------------------------------------------------------------------------------------------
PROCEDURES += [
    {
        "code": "1.001193.000.00.00.H17",
        "name": "Thủ tục đăng ký khai sinh",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người có yêu cầu đăng ký khai sinh nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú "
            "của người cha hoặc người mẹ, hoặc nộp trực tuyến trên Cổng Dịch vụ công.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ; hồ sơ đầy đủ thì viết phiếu tiếp nhận, "
            "ghi rõ ngày, giờ trả kết quả; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần.\n"
            "Bước 3: Thông tin khai sinh đầy đủ, phù hợp thì công chức tư pháp – hộ tịch ghi nội dung khai "
            "sinh vào Sổ hộ tịch, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử để lấy Số định danh cá nhân; "
            "người đi đăng ký khai sinh cùng công chức ký, ghi rõ họ tên trong Sổ hộ tịch.\n"
            "Bước 4: Chủ tịch UBND cấp xã ký cấp Giấy khai sinh; Bộ phận Tiếp nhận và Trả kết quả trả "
            "Giấy khai sinh cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai đăng ký khai sinh theo mẫu"),
            _doc("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng "
                 "xác nhận về việc sinh hoặc giấy cam đoan về việc sinh"),
            _doc("Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập (đối với trẻ em bị bỏ "
                 "rơi)"),
            _doc("Văn bản chứng minh việc mang thai hộ (đối với trẻ em sinh ra do mang thai hộ)",
                 "original_or_certified"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh do cơ quan có "
                 "thẩm quyền cấp của người đi đăng ký khai sinh (xuất trình)"),
            _doc("Giấy chứng nhận kết hôn của cha, mẹ trẻ em (xuất trình, nếu cha, mẹ đã đăng ký kết hôn)"),
        ],
        "sets": 1,
        "processing_days": 0,
        "processing_note": _SAME_DAY,
        "applicants": "Cá nhân",
        "result": "Giấy khai sinh (bản chính); bản sao Giấy khai sinh nếu người yêu cầu có đề nghị",
        "fee_amount": None,
        "fee_description": (
            "Miễn lệ phí đăng ký khai sinh đúng hạn. Đăng ký khai sinh quá hạn: 5.000 đồng/trường hợp "
            "(theo Nghị quyết của HĐND tỉnh); miễn lệ phí cho người thuộc gia đình có công với cách mạng, "
            "người thuộc hộ nghèo, người khuyết tật."
        ),
        "conditions": (
            "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho "
            "con; trường hợp cha, mẹ không thể đăng ký khai sinh cho con thì ông hoặc bà hoặc người thân "
            "thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách nhiệm đăng ký khai sinh."
        ),
        "legal_basis": _HT_LAW,
        "online_level": "full",
        "old_online_level": 3,
        "forms": ["Tờ khai đăng ký khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.000894.000.00.00.H17",
        "name": "Thủ tục đăng ký kết hôn",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Hai bên nam, nữ nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú của một trong hai "
            "bên.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ; xét thấy đủ điều kiện kết hôn theo quy "
            "định của Luật Hôn nhân và gia đình thì ghi việc kết hôn vào Sổ hộ tịch.\n"
            "Bước 3: Hai bên nam, nữ cùng có mặt, ký vào Sổ hộ tịch và Giấy chứng nhận kết hôn.\n"
            "Bước 4: Chủ tịch UBND cấp xã tổ chức trao Giấy chứng nhận kết hôn cho hai bên nam, nữ."
        ),
        "channels": ["in_person", "online"],
        "documents": [
            _doc("Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một tờ khai)"),
            _doc("Giấy xác nhận tình trạng hôn nhân do UBND cấp xã nơi thường trú cấp (trường hợp đăng ký "
                 "kết hôn tại UBND cấp xã không phải nơi thường trú của bên nam, bên nữ)"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của hai bên nam, "
                 "nữ (xuất trình)", count=2),
            _doc("Giấy tờ chứng minh nơi cư trú (xuất trình, trong giai đoạn chưa vận hành Cơ sở dữ liệu "
                 "quốc gia về dân cư)"),
        ],
        "sets": 1,
        "processing_days": 0,
        "processing_note": (
            "Ngay sau khi nhận đủ giấy tờ; trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày "
            "làm việc"
        ),
        "applicants": "Cá nhân",
        "result": "Giấy chứng nhận kết hôn (02 bản chính, mỗi bên vợ, chồng được cấp 01 bản)",
        "fee_amount": None,
        "fee_description": "Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước",
        "conditions": (
            "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết "
            "định; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn theo khoản 2 "
            "Điều 5 Luật Hôn nhân và gia đình năm 2014. Hai bên phải có mặt khi đăng ký kết hôn."
        ),
        "legal_basis": "Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014;\n" + _HT_LAW,
        "online_level": "partial",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký kết hôn (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.000656.000.00.00.H17",
        "name": "Thủ tục đăng ký khai tử",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người có yêu cầu đăng ký khai tử nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú cuối "
            "cùng của người chết hoặc nơi người đó chết.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ; việc khai tử đúng thì ghi nội dung khai tử "
            "vào Sổ hộ tịch, cùng người đi khai tử ký tên vào Sổ.\n"
            "Bước 3: Chủ tịch UBND cấp xã ký cấp Trích lục khai tử; công chức tư pháp – hộ tịch khóa thông "
            "tin hộ tịch của người chết trong Cơ sở dữ liệu hộ tịch điện tử.\n"
            "Bước 4: Trả Trích lục khai tử cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai đăng ký khai tử theo mẫu"),
            _doc("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người đi "
                 "đăng ký khai tử (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 0,
        "processing_note": (
            _SAME_DAY + "; trường hợp cần xác minh thì không quá 03 ngày làm việc"
        ),
        "applicants": "Cá nhân, tổ chức",
        "result": "Trích lục khai tử (bản chính)",
        "fee_amount": None,
        "fee_description": (
            "Miễn lệ phí đăng ký khai tử đúng hạn. Đăng ký khai tử quá hạn: 5.000 đồng/trường hợp (theo "
            "Nghị quyết của HĐND tỉnh)."
        ),
        "conditions": (
            "Trong thời hạn 15 ngày kể từ ngày có người chết thì vợ, chồng hoặc con, cha, mẹ hoặc người "
            "thân thích khác của người chết có trách nhiệm đi đăng ký khai tử."
        ),
        "legal_basis": _HT_LAW,
        "online_level": "full",
        "old_online_level": 3,
        "forms": ["Tờ khai đăng ký khai tử (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.001022.000.00.00.H17",
        "name": "Thủ tục đăng ký nhận cha, mẹ, con",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người nhận cha, mẹ, con nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú của người "
            "nhận hoặc người được nhận là cha, mẹ, con.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra, xác minh hồ sơ; niêm yết việc nhận cha, mẹ, "
            "con tại trụ sở UBND cấp xã trong thời gian 03 ngày làm việc liên tục.\n"
            "Bước 3: Việc nhận cha, mẹ, con là đúng và không có tranh chấp thì công chức tư pháp – hộ tịch "
            "ghi vào Sổ hộ tịch; các bên cùng có mặt ký vào Sổ hộ tịch.\n"
            "Bước 4: Chủ tịch UBND cấp xã cấp Trích lục đăng ký nhận cha, mẹ, con cho người yêu cầu."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ khai đăng ký nhận cha, mẹ, con theo mẫu"),
            _doc("Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền khác xác nhận quan "
                 "hệ cha con, mẹ con; trường hợp không có thì nộp thư từ, phim ảnh, băng, đĩa, đồ dùng, vật "
                 "dụng khác chứng minh mối quan hệ và văn bản cam đoan về mối quan hệ có ít nhất hai người "
                 "làm chứng", "original_or_certified"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của các bên "
                 "(xuất trình)", count=2),
        ],
        "sets": 1,
        "processing_days": 3,
        "processing_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm "
            "không quá 05 ngày làm việc"
        ),
        "applicants": "Cá nhân",
        "result": "Trích lục đăng ký nhận cha, mẹ, con (bản chính)",
        "fee_amount": 15000,
        "fee_description": (
            "Lệ phí: 15.000 đồng/trường hợp (theo Nghị quyết của HĐND tỉnh); miễn lệ phí cho người thuộc "
            "gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật"
        ),
        "conditions": (
            "Bên nhận, bên được nhận là cha, mẹ, con còn sống vào thời điểm đăng ký; việc nhận cha, mẹ, con "
            "không có tranh chấp. Các bên phải có mặt khi đăng ký."
        ),
        "legal_basis": _HT_LAW,
        "online_level": "partial",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký nhận cha, mẹ, con (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004837.000.00.00.H17",
        "name": "Thủ tục đăng ký giám hộ",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người yêu cầu đăng ký giám hộ nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú của "
            "người được giám hộ hoặc người giám hộ.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ; thấy đủ điều kiện theo quy định của Bộ "
            "luật Dân sự thì ghi vào Sổ hộ tịch, cùng người đi đăng ký giám hộ ký vào Sổ.\n"
            "Bước 3: Chủ tịch UBND cấp xã cấp Trích lục đăng ký giám hộ cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai đăng ký giám hộ theo mẫu"),
            _doc("Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự (đối với giám hộ cử) hoặc giấy "
                 "tờ chứng minh điều kiện làm giám hộ đương nhiên", "original_or_certified"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người đi "
                 "đăng ký (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Cá nhân",
        "result": "Trích lục đăng ký giám hộ (bản chính)",
        "fee_amount": None,
        "fee_description": "Miễn lệ phí đăng ký giám hộ",
        "conditions": (
            "Người giám hộ đáp ứng điều kiện quy định tại Điều 49, Điều 50 Bộ luật Dân sự năm 2015; trường "
            "hợp có nhiều người cùng giám hộ đương nhiên thì nộp kèm văn bản thỏa thuận cử một người làm "
            "giám hộ."
        ),
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015;\n" + _HT_LAW,
        "online_level": "full",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký giám hộ (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004873.000.00.00.H17",
        "name": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người yêu cầu nộp hồ sơ tại " + _DESK_COMMUNE + " nơi thường trú; trường hợp không có "
            "nơi thường trú thì nộp tại nơi đăng ký tạm trú.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra, xác minh tình trạng hôn nhân của người yêu cầu; "
            "trường hợp người yêu cầu đã từng thường trú ở nơi khác thì đề nghị UBND cấp xã nơi đó xác "
            "minh.\n"
            "Bước 3: Người yêu cầu đủ điều kiện thì công chức trình Chủ tịch UBND cấp xã ký cấp Giấy xác "
            "nhận tình trạng hôn nhân.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"),
            _doc("Giấy tờ chứng minh việc ly hôn hoặc người vợ, chồng đã chết (trường hợp người yêu cầu đã "
                 "có vợ, chồng nhưng đã ly hôn hoặc người vợ, chồng đã chết)", "original_or_certified"),
            _doc("Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (trường hợp đề nghị cấp lại để sử "
                 "dụng vào mục đích khác hoặc do hết thời hạn sử dụng)"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người yêu "
                 "cầu (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 3,
        "processing_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh tại nơi cư trú "
            "trước đây thì không quá 23 ngày làm việc"
        ),
        "applicants": "Cá nhân",
        "result": "Giấy xác nhận tình trạng hôn nhân (có giá trị 06 tháng kể từ ngày cấp)",
        "fee_amount": 5000,
        "fee_description": (
            "Lệ phí: 5.000 đồng/bản (theo Nghị quyết của HĐND tỉnh); miễn lệ phí cho người thuộc gia đình "
            "có công với cách mạng, người thuộc hộ nghèo, người khuyết tật"
        ),
        "conditions": "Không",
        "legal_basis": _HT_LAW,
        "online_level": "full",
        "old_online_level": 3,
        "forms": ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004859.000.00.00.H17",
        "name": "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người yêu cầu nộp hồ sơ tại " + _DESK_COMMUNE + " nơi đã đăng ký hộ tịch trước đây "
            "hoặc nơi cư trú.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ; thấy việc thay đổi, cải chính, bổ sung "
            "thông tin hộ tịch có cơ sở, phù hợp quy định thì ghi vào Sổ hộ tịch, cùng người yêu cầu ký vào "
            "Sổ.\n"
            "Bước 3: Chủ tịch UBND cấp xã cấp Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu"),
            _doc("Bản chính giấy tờ hộ tịch đã cấp (Giấy khai sinh, Giấy chứng nhận kết hôn…)"),
            _doc("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch",
                 "original_or_certified"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người yêu "
                 "cầu (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 3,
        "processing_note": (
            "Thay đổi, cải chính: 03 ngày làm việc, trường hợp cần xác minh thì không quá 06 ngày làm việc; "
            "bổ sung thông tin hộ tịch: giải quyết ngay trong ngày"
        ),
        "applicants": "Cá nhân",
        "result": "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch (bản chính)",
        "fee_amount": 15000,
        "fee_description": (
            "Lệ phí: 15.000 đồng/trường hợp (theo Nghị quyết của HĐND tỉnh); miễn lệ phí cho người thuộc "
            "gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật"
        ),
        "conditions": (
            "UBND cấp xã giải quyết việc thay đổi, cải chính hộ tịch cho người chưa đủ 14 tuổi và bổ sung "
            "thông tin hộ tịch cho công dân Việt Nam cư trú ở trong nước; việc thay đổi họ, chữ đệm, tên "
            "phải có sự đồng ý của người được thay đổi nếu người đó từ đủ 09 tuổi trở lên."
        ),
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015;\n" + _HT_LAW,
        "online_level": "full",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký thay đổi, cải chính, bổ sung hộ tịch (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004884.000.00.00.H17",
        "name": "Thủ tục đăng ký lại khai sinh",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người yêu cầu nộp hồ sơ tại " + _DESK_COMMUNE + " nơi đã đăng ký khai sinh trước đây "
            "hoặc nơi người yêu cầu thường trú.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra, xác minh hồ sơ; trường hợp đăng ký lại tại nơi "
            "không phải nơi đã đăng ký khai sinh trước đây thì đề nghị UBND nơi đăng ký trước đây kiểm tra "
            "việc lưu giữ Sổ hộ tịch.\n"
            "Bước 3: Việc đăng ký lại khai sinh là đúng thì công chức ghi vào Sổ hộ tịch, trình Chủ tịch "
            "UBND cấp xã cấp Giấy khai sinh.\n"
            "Bước 4: Trả Giấy khai sinh cho người yêu cầu."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ khai đăng ký lại khai sinh theo mẫu, trong đó có cam đoan về việc đã đăng ký khai sinh "
                 "nhưng người yêu cầu không lưu giữ được bản chính Giấy khai sinh"),
            _doc("Bản sao Giấy khai sinh cấp trước đây hoặc bản sao giấy tờ có thông tin về họ, chữ đệm, "
                 "tên, ngày, tháng, năm sinh, quê quán (hồ sơ, giấy tờ cá nhân do cơ quan có thẩm quyền cấp)",
                 "copy"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người yêu "
                 "cầu (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 5,
        "processing_note": (
            "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh thì kéo dài thêm "
            "không quá 05 ngày làm việc"
        ),
        "applicants": "Cá nhân",
        "result": "Giấy khai sinh (bản chính) ghi rõ “Đăng ký lại”",
        "fee_amount": 5000,
        "fee_description": "Lệ phí: 5.000 đồng/trường hợp (theo Nghị quyết của HĐND tỉnh)",
        "conditions": (
            "Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam trước ngày 01/01/2016 "
            "nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất."
        ),
        "legal_basis": _HT_LAW,
        "online_level": "partial",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký lại khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000635.000.00.00.H17",
        "name": "Cấp bản sao Trích lục hộ tịch",
        "field": "HT",
        "level": "commune",
        "unit": _COMMUNE,
        "steps": (
            "Bước 1: Người có yêu cầu nộp tờ khai tại " + _DESK_COMMUNE + " nơi đang lưu giữ Sổ hộ tịch, "
            "hoặc gửi qua bưu chính, hoặc nộp trực tuyến.\n"
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra; yêu cầu phù hợp thì trình Chủ tịch UBND cấp xã "
            "ký cấp bản sao trích lục hộ tịch theo thông tin lưu trong Sổ hộ tịch.\n"
            "Bước 3: Trả bản sao trích lục cho người yêu cầu."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu"),
            _doc("Văn bản ủy quyền theo quy định (trường hợp ủy quyền thực hiện)", "original_or_certified"),
            _doc("Hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân hoặc giấy tờ có ảnh của người yêu "
                 "cầu (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 0,
        "processing_note": _SAME_DAY,
        "applicants": "Cá nhân, tổ chức",
        "result": "Bản sao trích lục hộ tịch (khai sinh, kết hôn, khai tử…)",
        "fee_amount": 8000,
        "fee_description": (
            "Phí: 8.000 đồng/bản sao trích lục/sự kiện hộ tịch đã đăng ký (Thông tư số 281/2016/TT-BTC)"
        ),
        "conditions": "Không",
        "legal_basis": (
            _HT_LAW + ";\nThông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu, "
            "chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ "
            "tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người gốc Việt Nam, lệ phí quốc tịch"
        ),
        "online_level": "full",
        "old_online_level": 3,
        "forms": ["Tờ khai cấp bản sao trích lục hộ tịch (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000528.000.00.00.H17",
        "name": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
        "field": "HT",
        "level": "town",
        "unit": _JUSTICE,
        "steps": (
            "Bước 1: Người có yêu cầu nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tư pháp kiểm tra hồ sơ; thấy thông tin khai sinh đầy đủ, phù hợp thì báo cáo "
            "Chủ tịch UBND thị xã.\n"
            "Bước 3: Công chức làm công tác hộ tịch ghi nội dung khai sinh vào Sổ hộ tịch; người đi đăng ký "
            "khai sinh cùng ký vào Sổ; Chủ tịch UBND thị xã ký cấp Giấy khai sinh.\n"
            "Bước 4: Trả Giấy khai sinh tại Bộ phận Tiếp nhận và Trả kết quả."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ khai đăng ký khai sinh theo mẫu"),
            _doc("Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh"),
            _doc("Văn bản thỏa thuận của cha, mẹ về việc lựa chọn quốc tịch cho con (trường hợp cha hoặc "
                 "mẹ là người nước ngoài); văn bản bằng tiếng nước ngoài phải được dịch ra tiếng Việt và "
                 "chứng thực chữ ký người dịch", "original_or_certified"),
            _doc("Hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của cha, mẹ là người nước ngoài; "
                 "giấy tờ tùy thân của người đi đăng ký (xuất trình)"),
        ],
        "sets": 1,
        "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Cá nhân",
        "result": "Giấy khai sinh (bản chính)",
        "fee_amount": 75000,
        "fee_description": (
            "Lệ phí: 75.000 đồng/trường hợp (theo Nghị quyết của HĐND tỉnh); miễn lệ phí cho người thuộc "
            "gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật"
        ),
        "conditions": (
            "Trẻ em sinh ra tại Việt Nam có cha hoặc mẹ là công dân Việt Nam và người kia là người nước "
            "ngoài hoặc người không quốc tịch, hoặc thuộc các trường hợp khác quy định tại khoản 1 Điều 35 "
            "Luật Hộ tịch."
        ),
        "legal_basis": "Luật Quốc tịch Việt Nam số 24/2008/QH12 ngày 13/11/2008;\n" + _HT_LAW,
        "online_level": "partial",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1598/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000806.000.00.00.H17",
        "name": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        "field": "HT",
        "level": "town",
        "unit": _JUSTICE,
        "steps": (
            "Bước 1: Hai bên nam, nữ (hoặc một bên) nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tư pháp nghiên cứu, thẩm tra hồ sơ và xác minh làm rõ (nếu cần); báo cáo Chủ "
            "tịch UBND thị xã giải quyết.\n"
            "Bước 3: Chủ tịch UBND thị xã ký Giấy chứng nhận kết hôn; trong thời hạn 03 ngày làm việc kể "
            "từ ngày ký, Phòng Tư pháp tổ chức trao Giấy chứng nhận kết hôn, hai bên nam, nữ phải có mặt.\n"
            "Bước 4: Trường hợp một hoặc hai bên không thể có mặt để nhận thì được gia hạn thời gian trao "
            "nhưng không quá 60 ngày kể từ ngày Chủ tịch UBND ký."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Tờ khai đăng ký kết hôn theo mẫu"),
            _doc("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền của "
                 "nước mà người đó là công dân cấp, đã được hợp pháp hóa lãnh sự và dịch ra tiếng Việt"),
            _doc("Giấy xác nhận của tổ chức y tế có thẩm quyền của Việt Nam hoặc nước ngoài xác nhận người "
                 "đó không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được "
                 "hành vi của mình", count=2),
            _doc("Bản sao hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của người nước ngoài",
                 "certified_copy"),
        ],
        "sets": 1,
        "processing_days": 15,
        "processing_note": "15 ngày làm việc kể từ ngày Phòng Tư pháp nhận đủ hồ sơ hợp lệ",
        "applicants": "Cá nhân",
        "result": "Giấy chứng nhận kết hôn (02 bản chính)",
        "fee_amount": 1000000,
        "fee_description": "Lệ phí: 1.000.000 đồng/trường hợp (theo Nghị quyết của HĐND tỉnh)",
        "conditions": (
            "Công dân Việt Nam với người nước ngoài; giữa công dân Việt Nam cư trú ở trong nước với công "
            "dân Việt Nam định cư ở nước ngoài; hai bên đáp ứng điều kiện kết hôn theo Luật Hôn nhân và gia "
            "đình Việt Nam và pháp luật của nước mà người nước ngoài là công dân."
        ),
        "legal_basis": "Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014;\n" + _HT_LAW,
        "online_level": "partial",
        "old_online_level": 2,
        "forms": ["Tờ khai đăng ký kết hôn (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1598/QĐ-UBND", "2018-09-28"),
    },
]

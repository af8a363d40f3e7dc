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
ABOLISHED   list of full procedure dicts holding the last published version; their "decision" is the
            abolishing decision {"number", "date", "type": "abolished", "first_number", "first_date"},
            where first_number/first_date name the decision that had published that last version.

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
# Ward / commune-level procedures name no unit ("unit": None): every ward and commune handles them for its own
# area (competence by level, portal/procedures/competence.py).

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
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 0,
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
        "online_level": "full", "old_online_level": 3,
        "forms": ["Tờ khai đăng ký khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.000894.000.00.00.H17",
        "name": "Thủ tục đăng ký kết hôn",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 0,
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
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký kết hôn (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.000656.000.00.00.H17",
        "name": "Thủ tục đăng ký khai tử",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 0,
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
        "online_level": "full", "old_online_level": 3,
        "forms": ["Tờ khai đăng ký khai tử (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.001022.000.00.00.H17",
        "name": "Thủ tục đăng ký nhận cha, mẹ, con",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 3,
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
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký nhận cha, mẹ, con (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004837.000.00.00.H17",
        "name": "Thủ tục đăng ký giám hộ",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 3,
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
        "online_level": "full", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký giám hộ (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004873.000.00.00.H17",
        "name": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 3,
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
        "online_level": "full", "old_online_level": 3,
        "forms": ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004859.000.00.00.H17",
        "name": "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 3,
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
        "online_level": "full", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký thay đổi, cải chính, bổ sung hộ tịch (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "1.004884.000.00.00.H17",
        "name": "Thủ tục đăng ký lại khai sinh",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 5,
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
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký lại khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000635.000.00.00.H17",
        "name": "Cấp bản sao Trích lục hộ tịch",
        "field": "HT", "level": "commune", "unit": None,
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
        "sets": 1, "processing_days": 0,
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
        "online_level": "full", "old_online_level": 3,
        "forms": ["Tờ khai cấp bản sao trích lục hộ tịch (Mẫu ban hành kèm theo Thông tư số "
                  "15/2015/TT-BTP)"],
        "decision": _new("1597/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000528.000.00.00.H17",
        "name": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
        "field": "HT", "level": "town", "unit": _JUSTICE,
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
        "sets": 1, "processing_days": 3,
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
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký khai sinh (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1598/QĐ-UBND", "2018-09-28"),
    },
    {
        "code": "2.000806.000.00.00.H17",
        "name": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        "field": "HT", "level": "town", "unit": _JUSTICE,
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
        "sets": 1, "processing_days": 15,
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
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đăng ký kết hôn (Mẫu ban hành kèm theo Thông tư số 15/2015/TT-BTP)"],
        "decision": _new("1598/QĐ-UBND", "2018-09-28"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Chứng thực
# ---------------------------------------------------------------------------------------------------
_CT_SAME_DAY = (
    "Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ; "
    "trường hợp yêu cầu với số lượng lớn thì thời hạn theo thỏa thuận bằng văn bản với người yêu cầu"
)
_CT_TWO_DAYS = (
    "Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ hoặc dài hơn theo thỏa thuận bằng văn "
    "bản với người yêu cầu"
)

PROCEDURES += [
    {
        "code": "2.000815.000.00.00.H17",
        "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của "
                "Việt Nam cấp hoặc chứng nhận",
        "field": "CT", "level": "town", "unit": _JUSTICE,
        "steps": (
            "Bước 1: Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản và bản sao cần chứng "
            "thực tại " + _DESK_TOWN + ".\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao; nếu nội dung bản "
            "sao đúng với bản chính và bản chính không thuộc các trường hợp không được chứng thực thì thực "
            "hiện chứng thực.\n"
            "Bước 3: Ghi lời chứng, ký, ghi rõ họ tên, đóng dấu của Phòng Tư pháp và ghi vào sổ chứng "
            "thực; bản sao có từ 02 trang trở lên thì đóng dấu giáp lai.\n"
            "Bước 4: Thu phí và trả bản sao đã được chứng thực cho người yêu cầu."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao hoặc bản sao có chứng thực "
                 "giấy tờ, văn bản đó", "original_or_certified"),
            _doc("Bản sao cần chứng thực (trường hợp người yêu cầu chỉ xuất trình bản chính thì cơ quan "
                 "thực hiện chứng thực chụp từ bản chính)", "copy"),
        ],
        "sets": 1, "processing_days": 0,
        "processing_note": _CT_SAME_DAY,
        "applicants": "Cá nhân, tổ chức",
        "result": "Bản sao được chứng thực từ bản chính",
        "fee_amount": 2000,
        "fee_description": (
            "Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 "
            "đồng/trang, tối đa thu không quá 200.000 đồng/bản. Trang là căn cứ để thu phí được tính theo "
            "trang của bản chính."
        ),
        "conditions": (
            "Bản chính không thuộc các trường hợp quy định tại Điều 22 Nghị định số 23/2015/NĐ-CP: bị tẩy "
            "xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; bị hư hỏng, cũ nát, không xác định được nội "
            "dung; đóng dấu mật hoặc ghi rõ không được sao chụp; có nội dung trái pháp luật, đạo đức xã "
            "hội; giấy tờ do cá nhân tự lập nhưng không có xác nhận và đóng dấu của cơ quan, tổ chức có thẩm "
            "quyền."
        ),
        "legal_basis": _CT_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _amended("2103/QĐ-UBND", "2018-12-20", ["fee_description", "legal_basis"]),
    },
    {
        "code": "2.000908.000.00.00.H17",
        "name": "Cấp bản sao từ sổ gốc",
        "field": "CT", "level": "town", "unit": _JUSTICE,
        "steps": (
            "Bước 1: Người yêu cầu cấp bản sao từ sổ gốc nộp yêu cầu tại " + _DESK_TOWN + " hoặc gửi qua "
            "bưu chính.\n"
            "Bước 2: Phòng Tư pháp đang quản lý sổ gốc căn cứ vào sổ gốc để kiểm tra yêu cầu; trường hợp "
            "yêu cầu hợp lệ thì cấp bản sao; trường hợp không còn lưu trữ sổ gốc hoặc người yêu cầu không có "
            "quyền thì từ chối và trả lời bằng văn bản, nêu rõ lý do.\n"
            "Bước 3: Trả bản sao từ sổ gốc cho người yêu cầu."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Văn bản yêu cầu cấp bản sao từ sổ gốc (trường hợp gửi qua bưu chính, kèm phong bì ghi rõ "
                 "địa chỉ người nhận)"),
            _doc("Giấy tờ tùy thân của người yêu cầu (xuất trình bản chính hoặc bản sao có chứng thực)",
                 "original_or_certified"),
            _doc("Giấy tờ chứng minh quan hệ với người được cấp bản chính (trường hợp người yêu cầu là "
                 "cha, mẹ, con, vợ, chồng, anh, chị, em ruột, người thừa kế)", "original_or_certified"),
        ],
        "sets": 1, "processing_days": 0,
        "processing_note": _CT_SAME_DAY,
        "applicants": "Cá nhân, tổ chức",
        "result": "Bản sao từ sổ gốc",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Người yêu cầu là người được cấp bản chính hoặc người đại diện theo pháp luật, người được ủy "
            "quyền; cha, mẹ, con, vợ, chồng, anh, chị, em ruột, người thừa kế khác của người được cấp bản "
            "chính trong trường hợp người đó đã chết."
        ),
        "legal_basis": _CT_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("2103/QĐ-UBND", "2018-12-20"),
    },
    {
        "code": "2.000992.000.00.00.H17",
        "name": "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp",
        "field": "CT", "level": "town", "unit": _JUSTICE,
        "steps": (
            "Bước 1: Người yêu cầu nộp bản dịch kèm bản gốc giấy tờ, văn bản cần dịch tại " + _DESK_TOWN
            + ".\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra bản dịch, đối chiếu chữ ký mẫu của cộng tác viên "
            "dịch thuật đã đăng ký tại Phòng Tư pháp.\n"
            "Bước 3: Ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực; trả kết quả cho người yêu cầu."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Bản dịch đã được cộng tác viên dịch thuật ký vào từng trang"),
            _doc("Bản chính hoặc bản sao có chứng thực giấy tờ, văn bản cần dịch", "original_or_certified"),
        ],
        "sets": 1, "processing_days": 0,
        "processing_note": _CT_SAME_DAY,
        "applicants": "Cá nhân, tổ chức",
        "result": "Bản dịch được chứng thực chữ ký người dịch",
        "fee_amount": 10000,
        "fee_description": "Phí chứng thực chữ ký: 10.000 đồng/trường hợp",
        "conditions": (
            "Người dịch là cộng tác viên dịch thuật đã được Phòng Tư pháp ký hợp đồng; có bằng cử nhân ngoại "
            "ngữ trở lên về thứ tiếng nước ngoài cần dịch hoặc có bằng tốt nghiệp đại học trở lên đối với "
            "chuyên ngành khác được học bằng thứ tiếng nước ngoài cần dịch."
        ),
        "legal_basis": _CT_LAW,
        "online_level": "none", "old_online_level": 2,
        "forms": [],
        "decision": _new("2103/QĐ-UBND", "2018-12-20"),
    },
    {
        "code": "2.000884.000.00.00.H17",
        "name": "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ "
                "và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
        "field": "CT", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người yêu cầu chứng thực chữ ký nộp hồ sơ tại " + _DESK_COMMUNE + ".\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra giấy tờ; nếu người yêu cầu minh mẫn, nhận thức và "
            "làm chủ được hành vi của mình thì yêu cầu người đó ký (hoặc điểm chỉ) trước mặt.\n"
            "Bước 3: Người thực hiện chứng thực ghi lời chứng, ký, ghi rõ họ tên, đóng dấu của UBND cấp xã "
            "và ghi vào sổ chứng thực.\n"
            "Bước 4: Trả giấy tờ, văn bản đã được chứng thực chữ ký cho người yêu cầu."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Chứng minh nhân dân, thẻ căn cước công dân hoặc hộ chiếu còn giá trị sử dụng của người yêu "
                 "cầu chứng thực", "original_or_certified"),
            _doc("Giấy tờ, văn bản mà mình sẽ ký"),
        ],
        "sets": 1, "processing_days": 0,
        "processing_note": _CT_SAME_DAY,
        "applicants": "Cá nhân",
        "result": "Giấy tờ, văn bản được chứng thực chữ ký",
        "fee_amount": 10000,
        "fee_description": "Phí chứng thực chữ ký: 10.000 đồng/trường hợp",
        "conditions": (
            "Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực; không chứng thực chữ ký "
            "trong các trường hợp quy định tại Điều 25 Nghị định số 23/2015/NĐ-CP (người yêu cầu không nhận "
            "thức, làm chủ được hành vi; giấy tờ có nội dung trái pháp luật; giấy tờ là hợp đồng, giao dịch, "
            "trừ các trường hợp được pháp luật cho phép)."
        ),
        "legal_basis": _CT_LAW,
        "online_level": "none", "old_online_level": 2,
        "forms": [],
        "decision": _new("2103/QĐ-UBND", "2018-12-20"),
    },
    {
        "code": "2.001019.000.00.00.H17",
        "name": "Chứng thực di chúc",
        "field": "CT", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người lập di chúc nộp hồ sơ tại " + _DESK_COMMUNE + " (hoặc đề nghị chứng thực ngoài "
            "trụ sở trong trường hợp già yếu, không thể đi lại, đang bị tạm giữ, tạm giam, thi hành án phạt "
            "tù hoặc có lý do chính đáng khác).\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra giấy tờ, xác định người lập di chúc minh mẫn, tự "
            "nguyện; người lập di chúc ký trước mặt người thực hiện chứng thực.\n"
            "Bước 3: Người thực hiện chứng thực ghi lời chứng, ký vào từng trang của di chúc; Chủ tịch hoặc "
            "Phó Chủ tịch UBND cấp xã ký, đóng dấu và ghi vào sổ chứng thực.\n"
            "Bước 4: Trả di chúc đã được chứng thực cho người yêu cầu."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Dự thảo di chúc"),
            _doc("Bản sao giấy tờ tùy thân của người lập di chúc (xuất trình bản chính để đối chiếu)",
                 "copy"),
            _doc("Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng hoặc giấy tờ thay thế (trường hợp di "
                 "chúc liên quan đến tài sản mà pháp luật quy định phải đăng ký quyền sở hữu, quyền sử dụng)",
                 "copy"),
        ],
        "sets": 1, "processing_days": 2,
        "processing_note": _CT_TWO_DAYS,
        "applicants": "Cá nhân",
        "result": "Di chúc được chứng thực",
        "fee_amount": 50000,
        "fee_description": "Phí chứng thực di chúc: 50.000 đồng/di chúc",
        "conditions": (
            "Người lập di chúc phải tự mình yêu cầu chứng thực, không được ủy quyền; minh mẫn, sáng suốt, "
            "không bị lừa dối, đe dọa, cưỡng ép."
        ),
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015;\n" + _CT_LAW,
        "online_level": "none", "old_online_level": 2,
        "forms": [],
        "decision": _new("2103/QĐ-UBND", "2018-12-20"),
    },
    {
        "code": "2.001035.000.00.00.H17",
        "name": "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà "
                "ở",
        "field": "CT", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người yêu cầu chứng thực nộp hồ sơ tại " + _DESK_COMMUNE + " nơi có đất, nhà ở.\n"
            "Bước 2: Người tiếp nhận kiểm tra giấy tờ; hồ sơ đầy đủ, tại thời điểm chứng thực các bên tự "
            "nguyện, minh mẫn thì các bên ký trước mặt người thực hiện chứng thực.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND cấp xã ghi lời chứng, ký, đóng dấu; hợp đồng có từ 02 "
            "trang trở lên thì ký từng trang hoặc đóng dấu giáp lai.\n"
            "Bước 4: Vào sổ chứng thực, thu phí và trả hợp đồng, giao dịch đã được chứng thực."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Dự thảo hợp đồng, giao dịch (trường hợp người thực hiện chứng thực soạn thảo theo đề nghị "
                 "thì không phải nộp)"),
            _doc("Bản sao giấy tờ tùy thân của người yêu cầu chứng thực (xuất trình bản chính để đối chiếu)",
                 "copy", 2),
            _doc("Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với "
                 "đất hoặc giấy tờ thay thế (xuất trình bản chính để đối chiếu)", "copy"),
        ],
        "sets": 1, "processing_days": 2,
        "processing_note": _CT_TWO_DAYS,
        "applicants": "Cá nhân, tổ chức",
        "result": "Hợp đồng, giao dịch được chứng thực",
        "fee_amount": 50000,
        "fee_description": "Phí chứng thực hợp đồng, giao dịch: 50.000 đồng/hợp đồng, giao dịch",
        "conditions": (
            "Các bên tham gia hợp đồng, giao dịch có năng lực hành vi dân sự, tự nguyện; tài sản không có "
            "tranh chấp, không bị kê biên để bảo đảm thi hành án; quyền sử dụng đất còn trong thời hạn sử "
            "dụng đất."
        ),
        "legal_basis": "Luật Đất đai số 45/2013/QH13 ngày 29/11/2013;\nLuật Nhà ở số 65/2014/QH13 ngày "
                       "25/11/2014;\n" + _CT_LAW,
        "online_level": "none", "old_online_level": 2,
        "forms": [],
        "decision": _new("2103/QĐ-UBND", "2018-12-20"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Đất đai, môi trường
# ---------------------------------------------------------------------------------------------------
_TT30 = (
    "Thông tư số 30/2014/TT-BTNMT ngày 02/6/2014 của Bộ Tài nguyên và Môi trường quy định về hồ sơ giao "
    "đất, cho thuê đất, chuyển mục đích sử dụng đất, thu hồi đất"
)

PROCEDURES += [
    {
        "code": "1.004227.000.00.00.H17",
        "name": "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn "
                "liền với đất lần đầu",
        "field": "DD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người sử dụng đất nộp hồ sơ tại " + _DESK_TOWN + " hoặc tại UBND phường, xã nơi có "
            "đất.\n"
            "Bước 2: UBND cấp xã xác nhận hiện trạng sử dụng đất, nguồn gốc, thời điểm sử dụng đất, tình "
            "trạng tranh chấp; niêm yết công khai kết quả kiểm tra trong 15 ngày.\n"
            "Bước 3: Chi nhánh Văn phòng đăng ký đất đai kiểm tra hồ sơ, trích đo địa chính (nếu cần), gửi "
            "số liệu địa chính đến cơ quan thuế để xác định nghĩa vụ tài chính.\n"
            "Bước 4: Phòng Tài nguyên và Môi trường trình UBND thị xã ký Giấy chứng nhận.\n"
            "Bước 5: Trả Giấy chứng nhận sau khi người sử dụng đất nộp chứng từ hoàn thành nghĩa vụ tài chính."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn "
                 "liền với đất (Mẫu số 04a/ĐK)"),
            _doc("Một trong các loại giấy tờ về quyền sử dụng đất quy định tại Điều 100 Luật Đất đai và Điều "
                 "18 Nghị định số 43/2014/NĐ-CP (nếu có)", "certified_copy"),
            _doc("Giấy tờ chứng minh quyền sở hữu nhà ở, công trình xây dựng (trường hợp đăng ký tài sản gắn "
                 "liền với đất)", "certified_copy"),
            _doc("Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài "
                 "chính về đất đai (nếu có)", "original_or_certified"),
        ],
        "sets": 1, "processing_days": 30,
        "processing_note": (
            "Không quá 30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian thực hiện nghĩa "
            "vụ tài chính và thời gian xem xét xử lý trường hợp sử dụng đất có vi phạm pháp luật; tại các xã "
            "thời gian được tăng thêm 10 ngày"
        ),
        "applicants": "Hộ gia đình, cá nhân, cộng đồng dân cư",
        "result": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
        "fee_amount": 100000,
        "fee_description": (
            "Lệ phí cấp Giấy chứng nhận (theo Nghị quyết của HĐND tỉnh): tại các phường 25.000 đồng/giấy đối "
            "với giấy chỉ có quyền sử dụng đất, 100.000 đồng/giấy đối với giấy có cả tài sản gắn liền với đất; "
            "tại các xã thu bằng 50% mức trên. Phí thẩm định hồ sơ cấp Giấy chứng nhận theo Nghị quyết của "
            "HĐND tỉnh."
        ),
        "conditions": (
            "Đất đang sử dụng ổn định, không có tranh chấp, phù hợp với quy hoạch sử dụng đất; thuộc trường "
            "hợp được cấp Giấy chứng nhận theo Điều 99, 100, 101 Luật Đất đai."
        ),
        "legal_basis": (
            _DD_LAW + ";\nNghị định số 45/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định về thu tiền sử "
            "dụng đất;\nThông tư số 24/2014/TT-BTNMT ngày 19/5/2014 của Bộ Tài nguyên và Môi trường quy định "
            "về hồ sơ địa chính;\nThông tư số 33/2017/TT-BTNMT ngày 29/9/2017 của Bộ Tài nguyên và Môi "
            "trường quy định chi tiết Nghị định số 01/2017/NĐ-CP"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác "
                  "gắn liền với đất (Mẫu số 04a/ĐK ban hành kèm theo Thông tư số 24/2014/TT-BTNMT)"],
        "decision": _new("318/QĐ-UBND", "2019-03-05"),
    },
    {
        "code": "1.004203.000.00.00.H17",
        "name": "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ "
                "gia đình, cá nhân",
        "field": "DD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người sử dụng đất nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tài nguyên và Môi trường thẩm tra hồ sơ, xác minh thực địa, thẩm định nhu cầu "
            "chuyển mục đích sử dụng đất; hướng dẫn người sử dụng đất thực hiện nghĩa vụ tài chính.\n"
            "Bước 3: Phòng Tài nguyên và Môi trường trình UBND thị xã quyết định cho phép chuyển mục đích sử "
            "dụng đất; chỉ đạo cập nhật, chỉnh lý hồ sơ địa chính, cơ sở dữ liệu đất đai.\n"
            "Bước 4: Trả quyết định và Giấy chứng nhận đã chỉnh lý cho người sử dụng đất."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn xin chuyển mục đích sử dụng đất (Mẫu số 01 ban hành kèm theo Thông tư số "
                 "30/2014/TT-BTNMT)"),
            _doc("Giấy chứng nhận quyền sử dụng đất hoặc Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà "
                 "ở và tài sản khác gắn liền với đất (bản gốc)"),
        ],
        "sets": 1, "processing_days": 15,
        "processing_note": (
            "Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian thực hiện nghĩa "
            "vụ tài chính của người sử dụng đất; tại các xã thời gian được tăng thêm 10 ngày"
        ),
        "applicants": "Hộ gia đình, cá nhân",
        "result": "Quyết định cho phép chuyển mục đích sử dụng đất; Giấy chứng nhận được chỉnh lý biến động",
        "fee_amount": None,
        "fee_description": (
            "Không thu lệ phí giải quyết thủ tục. Người sử dụng đất nộp tiền sử dụng đất và lệ phí trước bạ "
            "theo thông báo của cơ quan thuế; phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh."
        ),
        "conditions": (
            "Việc chuyển mục đích sử dụng đất phù hợp với kế hoạch sử dụng đất hằng năm của thị xã đã được "
            "UBND tỉnh phê duyệt và nhu cầu sử dụng đất thể hiện trong đơn."
        ),
        "legal_basis": (
            _DD_LAW + ";\nNghị định số 45/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định về thu tiền sử "
            "dụng đất;\n" + _TT30
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn xin chuyển mục đích sử dụng đất (Mẫu số 01 ban hành kèm theo Thông tư số "
                  "30/2014/TT-BTNMT)"],
        "decision": _new("318/QĐ-UBND", "2019-03-05"),
    },
    {
        "code": "1.004217.000.00.00.H17",
        "name": "Giao đất, cho thuê đất cho hộ gia đình, cá nhân; giao đất cho cộng đồng dân cư đối với "
                "trường hợp giao đất, cho thuê đất không thông qua hình thức đấu giá quyền sử dụng đất",
        "field": "DD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người xin giao đất, thuê đất nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tài nguyên và Môi trường thẩm định nhu cầu sử dụng đất, chỉ đạo lập trích lục "
            "hoặc trích đo địa chính thửa đất, xác minh thực địa.\n"
            "Bước 3: Phòng Tài nguyên và Môi trường trình UBND thị xã quyết định giao đất, cho thuê đất; "
            "người được giao đất, thuê đất thực hiện nghĩa vụ tài chính.\n"
            "Bước 4: Tổ chức bàn giao đất trên thực địa, trao Giấy chứng nhận và cập nhật hồ sơ địa chính."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn xin giao đất, cho thuê đất (Mẫu số 01 ban hành kèm theo Thông tư số 30/2014/TT-BTNMT)"),
            _doc("Bản sao giấy tờ tùy thân và sổ hộ khẩu của người xin giao đất, thuê đất", "copy"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": (
            "Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian bồi thường, giải "
            "phóng mặt bằng và thời gian thực hiện nghĩa vụ tài chính"
        ),
        "applicants": "Hộ gia đình, cá nhân, cộng đồng dân cư",
        "result": "Quyết định giao đất, cho thuê đất; hợp đồng thuê đất (trường hợp thuê đất); Giấy chứng nhận",
        "fee_amount": None,
        "fee_description": (
            "Không thu lệ phí giải quyết thủ tục; người được giao đất, thuê đất nộp tiền sử dụng đất hoặc "
            "tiền thuê đất, lệ phí cấp Giấy chứng nhận theo quy định"
        ),
        "conditions": (
            "Việc giao đất, cho thuê đất căn cứ kế hoạch sử dụng đất hằng năm của thị xã đã được phê duyệt và "
            "nhu cầu sử dụng đất; thuộc trường hợp không đấu giá quyền sử dụng đất theo Điều 118 Luật Đất đai."
        ),
        "legal_basis": _DD_LAW + ";\n" + _TT30,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn xin giao đất, cho thuê đất (Mẫu số 01 ban hành kèm theo Thông tư số 30/2014/TT-BTNMT)"],
        "decision": _new("318/QĐ-UBND", "2019-03-05"),
    },
    {
        "code": "2.000381.000.00.00.H17",
        "name": "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện",
        "field": "DD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người có đơn nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Chủ tịch UBND thị xã giao Phòng Tài nguyên và Môi trường thẩm tra, xác minh, tổ chức "
            "đối thoại với các bên tranh chấp, tổ chức cuộc họp các ban, ngành liên quan (nếu cần).\n"
            "Bước 3: Phòng Tài nguyên và Môi trường hoàn chỉnh hồ sơ, trình Chủ tịch UBND thị xã ban hành "
            "quyết định giải quyết tranh chấp.\n"
            "Bước 4: Gửi quyết định cho các bên tranh chấp và các tổ chức, cá nhân có quyền, nghĩa vụ liên "
            "quan."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn yêu cầu giải quyết tranh chấp đất đai"),
            _doc("Biên bản hòa giải tại UBND cấp xã; biên bản làm việc với các bên tranh chấp",
                 "original_or_certified"),
            _doc("Trích lục bản đồ, hồ sơ địa chính qua các thời kỳ liên quan đến diện tích đất tranh chấp "
                 "và các tài liệu làm chứng cứ, chứng minh trong quá trình giải quyết tranh chấp", "copy"),
        ],
        "sets": 1, "processing_days": 45,
        "processing_note": (
            "Không quá 45 ngày kể từ ngày thụ lý; tại các xã có điều kiện kinh tế – xã hội khó khăn thì "
            "tăng thêm 10 ngày"
        ),
        "applicants": "Hộ gia đình, cá nhân, cộng đồng dân cư",
        "result": "Quyết định giải quyết tranh chấp đất đai",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Tranh chấp giữa hộ gia đình, cá nhân, cộng đồng dân cư với nhau; đã được hòa giải tại UBND cấp "
            "xã mà không thành; các bên không có Giấy chứng nhận hoặc giấy tờ quy định tại Điều 100 Luật Đất "
            "đai và lựa chọn giải quyết tại UBND cấp có thẩm quyền."
        ),
        "legal_basis": _DD_LAW + ";\n" + _TT30,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("318/QĐ-UBND", "2019-03-05"),
    },
    {
        "code": "2.000394.000.00.00.H17",
        "name": "Hòa giải tranh chấp đất đai",
        "field": "DD", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người có đơn yêu cầu hòa giải nộp đơn tại " + _DESK_COMMUNE + " nơi có đất tranh chấp.\n"
            "Bước 2: UBND cấp xã thẩm tra, xác minh nguyên nhân phát sinh tranh chấp, thu thập giấy tờ, tài "
            "liệu có liên quan do các bên cung cấp về nguồn gốc đất, quá trình sử dụng đất và hiện trạng.\n"
            "Bước 3: Thành lập Hội đồng hòa giải tranh chấp đất đai; tổ chức cuộc họp hòa giải có sự tham "
            "gia của các bên tranh chấp và người có quyền lợi, nghĩa vụ liên quan.\n"
            "Bước 4: Lập biên bản hòa giải thành hoặc hòa giải không thành và gửi cho các bên."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn yêu cầu hòa giải tranh chấp đất đai"),
            _doc("Giấy tờ, tài liệu có liên quan đến nguồn gốc, quá trình sử dụng đất tranh chấp (nếu có)",
                 "copy"),
        ],
        "sets": 1, "processing_days": 45,
        "processing_note": "Không quá 45 ngày kể từ ngày nhận được đơn yêu cầu hòa giải tranh chấp đất đai",
        "applicants": "Hộ gia đình, cá nhân, cộng đồng dân cư, tổ chức",
        "result": "Biên bản hòa giải thành hoặc biên bản hòa giải không thành",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Không",
        "legal_basis": _DD_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("318/QĐ-UBND", "2019-03-05"),
    },
    {
        "code": "1.004138.000.00.00.H17",
        "name": "Xác nhận đăng ký kế hoạch bảo vệ môi trường",
        "field": "MT", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Chủ dự án, chủ cơ sở nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tài nguyên và Môi trường kiểm tra hồ sơ; trường hợp chưa đủ thì thông báo để chủ "
            "dự án hoàn thiện trong thời hạn 03 ngày làm việc.\n"
            "Bước 3: Phòng Tài nguyên và Môi trường xem xét nội dung kế hoạch, trình UBND thị xã cấp Giấy "
            "xác nhận đăng ký kế hoạch bảo vệ môi trường; trường hợp không xác nhận thì trả lời bằng văn bản, "
            "nêu rõ lý do.\n"
            "Bước 4: Trả kết quả cho chủ dự án, chủ cơ sở."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Kế hoạch bảo vệ môi trường theo mẫu", count=3),
            _doc("Báo cáo đề xuất, báo cáo nghiên cứu khả thi hoặc phương án sản xuất, kinh doanh, dịch vụ",
                 "copy"),
        ],
        "sets": 1, "processing_days": 10,
        "processing_note": "10 ngày làm việc kể từ ngày nhận được kế hoạch bảo vệ môi trường hợp lệ",
        "applicants": "Tổ chức, cá nhân, hộ gia đình",
        "result": "Giấy xác nhận đăng ký kế hoạch bảo vệ môi trường",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Dự án, phương án sản xuất, kinh doanh, dịch vụ thuộc đối tượng phải đăng ký kế hoạch bảo vệ môi "
            "trường với UBND cấp huyện theo Nghị định số 18/2015/NĐ-CP, được sửa đổi bởi Nghị định số "
            "40/2019/NĐ-CP."
        ),
        "legal_basis": (
            "Luật Bảo vệ môi trường số 55/2014/QH13 ngày 23/6/2014;\n"
            "Nghị định số 18/2015/NĐ-CP ngày 14/02/2015 của Chính phủ quy định về quy hoạch bảo vệ môi "
            "trường, đánh giá môi trường chiến lược, đánh giá tác động môi trường và kế hoạch bảo vệ môi "
            "trường;\n"
            "Nghị định số 40/2019/NĐ-CP ngày 13/5/2019 của Chính phủ sửa đổi, bổ sung một số điều của các "
            "nghị định quy định chi tiết, hướng dẫn thi hành Luật Bảo vệ môi trường;\n"
            "Thông tư số 27/2015/TT-BTNMT ngày 29/5/2015 của Bộ Tài nguyên và Môi trường về đánh giá môi "
            "trường chiến lược, đánh giá tác động môi trường và kế hoạch bảo vệ môi trường"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Kế hoạch bảo vệ môi trường (Mẫu ban hành kèm theo Nghị định số 40/2019/NĐ-CP)"],
        "decision": _new("1476/QĐ-UBND", "2019-09-16"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Hoạt động xây dựng
# ---------------------------------------------------------------------------------------------------
_XD_FEE_SMALL = (
    "Lệ phí điều chỉnh, gia hạn, cấp lại giấy phép xây dựng: 15.000 đồng/giấy phép (theo Nghị quyết của "
    "HĐND tỉnh)"
)

PROCEDURES += [
    {
        "code": "1.007006.000.00.00.H17",
        "name": "Cấp giấy phép xây dựng đối với nhà ở riêng lẻ",
        "field": "XD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ tại " + _DESK_TOWN + " hoặc qua Cổng Dịch vụ công.\n"
            "Bước 2: Phòng Quản lý đô thị thẩm định hồ sơ, kiểm tra thực địa trong 07 ngày làm việc; hồ sơ "
            "cần bổ sung thì thông báo một lần bằng văn bản cho chủ đầu tư.\n"
            "Bước 3: Phòng Quản lý đô thị đối chiếu điều kiện cấp phép, lấy ý kiến các cơ quan liên quan "
            "(nếu cần) và trình UBND thị xã cấp giấy phép xây dựng.\n"
            "Bước 4: Trả giấy phép xây dựng kèm bản vẽ thiết kế có đóng dấu của cơ quan cấp phép."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn đề nghị cấp giấy phép xây dựng (Mẫu 1 Phụ lục số 1 Thông tư số 15/2016/TT-BXD)"),
            _doc("Giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai",
                 "certified_copy"),
            _doc("Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất tỷ lệ 1/50–1/500 kèm sơ đồ vị "
                 "trí; mặt bằng các tầng, mặt đứng, mặt cắt chính tỷ lệ 1/50–1/200; mặt bằng móng, mặt cắt "
                 "móng và sơ đồ đấu nối hạ tầng kỹ thuật tỷ lệ 1/50–1/200", "copy", 2),
            _doc("Văn bản cam kết bảo đảm an toàn đối với công trình liền kề (đối với công trình xây chen có "
                 "tầng hầm)"),
        ],
        "sets": 2, "processing_days": 15,
        "processing_note": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ gia đình, cá nhân",
        "result": "Giấy phép xây dựng kèm bản vẽ thiết kế được đóng dấu",
        "fee_amount": 75000,
        "fee_description": "Lệ phí: 75.000 đồng/giấy phép (theo Nghị quyết của HĐND tỉnh Đắk Nông)",
        "conditions": (
            "Phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt; bảo đảm an toàn cho "
            "công trình và công trình lân cận; đáp ứng yêu cầu về chỉ giới xây dựng, mật độ xây dựng, chiều "
            "cao theo quy chế quản lý quy hoạch, kiến trúc đô thị của thị xã Gia Nghĩa."
        ),
        "legal_basis": (
            _XD_LAW + ";\nThông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về các "
            "khoản phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực "
            "thuộc trung ương"
        ),
        "online_level": "full", "old_online_level": 3,
        "forms": ["Đơn đề nghị cấp giấy phép xây dựng (Mẫu 1 Phụ lục số 1 ban hành kèm theo Thông tư số "
                  "15/2016/TT-BXD)"],
        "decision": _amended("2064/QĐ-UBND", "2019-12-26", [
            "processing_days", "processing_note", "documents", "fee_amount", "fee_description", "legal_basis",
        ]),
    },
    {
        "code": "1.007007.000.00.00.H17",
        "name": "Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ",
        "field": "XD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ đề nghị điều chỉnh tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Quản lý đô thị thẩm định nội dung điều chỉnh, kiểm tra thực địa.\n"
            "Bước 3: Trình UBND thị xã ghi nội dung điều chỉnh vào giấy phép đã cấp hoặc cấp phụ lục điều "
            "chỉnh; trả kết quả cho chủ đầu tư."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn đề nghị điều chỉnh giấy phép xây dựng (Mẫu 2 Phụ lục số 1 Thông tư số 15/2016/TT-BXD)"),
            _doc("Bản chính giấy phép xây dựng đã được cấp"),
            _doc("Bản vẽ thiết kế liên quan đến phần điều chỉnh", "copy", 2),
        ],
        "sets": 1, "processing_days": 15,
        "processing_note": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ gia đình, cá nhân",
        "result": "Giấy phép xây dựng được điều chỉnh",
        "fee_amount": 15000,
        "fee_description": _XD_FEE_SMALL,
        "conditions": (
            "Thay đổi hình thức kiến trúc mặt ngoài công trình đối với công trình trong đô thị thuộc khu vực "
            "có yêu cầu quản lý kiến trúc; thay đổi chiều cao, số tầng, diện tích xây dựng, quy mô công "
            "trình hoặc khi điều chỉnh thiết kế bên trong làm thay đổi công năng sử dụng, ảnh hưởng đến an "
            "toàn kết cấu chịu lực."
        ),
        "legal_basis": _XD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": ["Đơn đề nghị điều chỉnh giấy phép xây dựng (Mẫu 2 Phụ lục số 1 ban hành kèm theo Thông tư "
                  "số 15/2016/TT-BXD)"],
        "decision": _new("1003/QĐ-UBND", "2019-06-26"),
    },
    {
        "code": "1.007008.000.00.00.H17",
        "name": "Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ",
        "field": "XD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ tại " + _DESK_TOWN + " trước thời điểm giấy phép xây dựng hết "
            "hiệu lực khởi công.\n"
            "Bước 2: Phòng Quản lý đô thị kiểm tra hồ sơ, trình UBND thị xã gia hạn giấy phép xây dựng.\n"
            "Bước 3: Trả giấy phép xây dựng đã được gia hạn cho chủ đầu tư."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn đề nghị gia hạn giấy phép xây dựng (Mẫu 2 Phụ lục số 1 Thông tư số 15/2016/TT-BXD)"),
            _doc("Bản chính giấy phép xây dựng đã được cấp"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ gia đình, cá nhân",
        "result": "Giấy phép xây dựng được gia hạn",
        "fee_amount": 15000,
        "fee_description": _XD_FEE_SMALL,
        "conditions": (
            "Trong thời hạn 12 tháng kể từ ngày được cấp giấy phép mà công trình chưa khởi công; mỗi giấy "
            "phép xây dựng chỉ được gia hạn tối đa 02 lần, thời gian mỗi lần gia hạn là 12 tháng."
        ),
        "legal_basis": _XD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": ["Đơn đề nghị gia hạn giấy phép xây dựng (Mẫu 2 Phụ lục số 1 ban hành kèm theo Thông tư số "
                  "15/2016/TT-BXD)"],
        "decision": _new("1003/QĐ-UBND", "2019-06-26"),
    },
    {
        "code": "1.007009.000.00.00.H17",
        "name": "Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ",
        "field": "XD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Quản lý đô thị kiểm tra hồ sơ lưu giấy phép đã cấp, trình UBND thị xã cấp lại "
            "giấy phép xây dựng.\n"
            "Bước 3: Trả giấy phép xây dựng cấp lại cho chủ đầu tư."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn đề nghị cấp lại giấy phép xây dựng, trong đó giải trình rõ lý do đề nghị cấp lại"),
            _doc("Bản chính giấy phép xây dựng đã được cấp (đối với trường hợp bị rách, nát)"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ gia đình, cá nhân",
        "result": "Giấy phép xây dựng (cấp lại)",
        "fee_amount": 15000,
        "fee_description": _XD_FEE_SMALL,
        "conditions": "Giấy phép xây dựng đã cấp bị rách, nát hoặc bị mất.",
        "legal_basis": _XD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": [],
        "decision": _new("1003/QĐ-UBND", "2019-06-26"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Hộ kinh doanh, hợp tác xã
# ---------------------------------------------------------------------------------------------------
_HKD_STEPS = (
    "Bước 1: Hộ kinh doanh nộp hồ sơ tại " + _DESK_TOWN + " hoặc qua Cổng Dịch vụ công.\n"
    "Bước 2: Phòng Tài chính – Kế hoạch kiểm tra tính hợp lệ của hồ sơ; hồ sơ chưa hợp lệ thì thông báo "
    "bằng văn bản nội dung cần sửa đổi, bổ sung trong thời hạn 03 ngày làm việc.\n"
    "Bước 3: Hồ sơ hợp lệ thì Phòng Tài chính – Kế hoạch giải quyết, cập nhật thông tin vào hệ thống và "
    "gửi thông tin cho Chi cục Thuế thị xã.\n"
    "Bước 4: Trả kết quả cho hộ kinh doanh."
)
_HKD_PERSON = ("Chứng minh nhân dân, thẻ căn cước công dân hoặc hộ chiếu còn hiệu lực của chủ hộ kinh "
               "doanh hoặc người đại diện hộ gia đình")

PROCEDURES += [
    {
        "code": "1.001612.000.00.00.H17",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": "KD", "level": "town", "unit": _FINANCE,
        "steps": _HKD_STEPS,
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Giấy đề nghị đăng ký hộ kinh doanh"),
            _doc(_HKD_PERSON + " và các cá nhân tham gia hộ kinh doanh", "certified_copy"),
            _doc("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành "
                 "viên hộ gia đình đăng ký hộ kinh doanh)", "certified_copy"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Cá nhân, hộ gia đình",
        "result": "Giấy chứng nhận đăng ký hộ kinh doanh",
        "fee_amount": 100000,
        "fee_description": "Lệ phí đăng ký hộ kinh doanh: 100.000 đồng/lần (theo Nghị quyết của HĐND tỉnh)",
        "conditions": (
            "Ngành, nghề đăng ký kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh "
            "đã đăng ký trên địa bàn thị xã; cá nhân, thành viên hộ gia đình là công dân Việt Nam đủ 18 tuổi, "
            "có năng lực hành vi dân sự đầy đủ; mỗi cá nhân chỉ được đăng ký một hộ kinh doanh trên phạm vi "
            "toàn quốc; nộp đủ lệ phí đăng ký."
        ),
        "legal_basis": _HKD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": ["Giấy đề nghị đăng ký hộ kinh doanh (Phụ lục III-1 ban hành kèm theo Thông tư số "
                  "02/2019/TT-BKHĐT)"],
        "decision": _amended("387/QĐ-UBND", "2019-03-22", ["legal_basis", "forms", "old_online_level"]),
    },
    {
        "code": "2.000720.000.00.00.H17",
        "name": "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "field": "KD", "level": "town", "unit": _FINANCE,
        "steps": _HKD_STEPS,
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh"),
            _doc("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh đã cấp"),
            _doc("Biên bản họp thành viên hộ gia đình về việc thay đổi chủ hộ kinh doanh (trường hợp thay "
                 "đổi chủ hộ)", "certified_copy"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ kinh doanh",
        "result": "Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)",
        "fee_amount": 50000,
        "fee_description": "Lệ phí: 50.000 đồng/lần thay đổi (theo Nghị quyết của HĐND tỉnh)",
        "conditions": "Hộ kinh doanh đã được cấp Giấy chứng nhận đăng ký hộ kinh doanh.",
        "legal_basis": _HKD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": ["Thông báo thay đổi nội dung đăng ký hộ kinh doanh (Phụ lục III-2 ban hành kèm theo Thông "
                  "tư số 02/2019/TT-BKHĐT)"],
        "decision": _new("387/QĐ-UBND", "2019-03-22"),
    },
    {
        "code": "1.001570.000.00.00.H17",
        "name": "Tạm ngừng hoạt động hộ kinh doanh",
        "field": "KD", "level": "town", "unit": _FINANCE,
        "steps": _HKD_STEPS,
        "channels": ["in_person", "post", "online"],
        "documents": [_doc("Thông báo về việc tạm ngừng hoạt động hộ kinh doanh")],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận được thông báo hợp lệ",
        "applicants": "Hộ kinh doanh",
        "result": "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Hộ kinh doanh tạm ngừng kinh doanh từ 30 ngày trở lên phải thông báo với Phòng Tài chính – Kế "
            "hoạch nơi đã đăng ký và Chi cục Thuế trực tiếp quản lý; thời gian tạm ngừng không quá 01 năm."
        ),
        "legal_basis": _HKD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": [],
        "decision": _new("387/QĐ-UBND", "2019-03-22"),
    },
    {
        "code": "1.001266.000.00.00.H17",
        "name": "Chấm dứt hoạt động hộ kinh doanh",
        "field": "KD", "level": "town", "unit": _FINANCE,
        "steps": _HKD_STEPS,
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Thông báo về việc chấm dứt hoạt động hộ kinh doanh"),
            _doc("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"),
            _doc("Văn bản của Chi cục Thuế xác nhận hộ kinh doanh đã hoàn thành nghĩa vụ thuế",
                 "original_or_certified"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ kinh doanh",
        "result": "Thông báo về việc chấm dứt hoạt động hộ kinh doanh; thu hồi Giấy chứng nhận đăng ký hộ "
                  "kinh doanh",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Hộ kinh doanh đã thanh toán đầy đủ các khoản nợ, gồm cả nợ thuế.",
        "legal_basis": _HKD_LAW,
        "online_level": "full", "old_online_level": 3,
        "forms": [],
        "decision": _new("387/QĐ-UBND", "2019-03-22"),
    },
    {
        "code": "1.005280.000.00.00.H17",
        "name": "Đăng ký thành lập hợp tác xã",
        "field": "HTX", "level": "town", "unit": _FINANCE,
        "steps": (
            "Bước 1: Người đại diện hợp tác xã nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Tài chính – Kế hoạch kiểm tra hồ sơ; hồ sơ chưa hợp lệ thì thông báo bằng văn "
            "bản trong thời hạn 03 ngày làm việc.\n"
            "Bước 3: Hồ sơ hợp lệ thì cấp Giấy chứng nhận đăng ký hợp tác xã; trường hợp từ chối thì trả lời "
            "bằng văn bản, nêu rõ lý do.\n"
            "Bước 4: Trả kết quả cho người đại diện hợp tác xã."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Giấy đề nghị đăng ký hợp tác xã"),
            _doc("Điều lệ hợp tác xã"),
            _doc("Phương án sản xuất, kinh doanh"),
            _doc("Danh sách thành viên; danh sách hội đồng quản trị, giám đốc (tổng giám đốc), ban kiểm soát "
                 "hoặc kiểm soát viên"),
            _doc("Nghị quyết hội nghị thành lập hợp tác xã"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Sáng lập viên, người đại diện hợp tác xã",
        "result": "Giấy chứng nhận đăng ký hợp tác xã",
        "fee_amount": 100000,
        "fee_description": "Lệ phí: 100.000 đồng/lần (theo Nghị quyết của HĐND tỉnh)",
        "conditions": (
            "Ngành, nghề sản xuất, kinh doanh không bị pháp luật cấm; hồ sơ đăng ký hợp lệ; tên hợp tác xã "
            "đặt theo quy định; có trụ sở chính theo quy định (Điều 24 Luật Hợp tác xã)."
        ),
        "legal_basis": (
            "Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012;\n"
            "Nghị định số 193/2013/NĐ-CP ngày 21/11/2013 của Chính phủ quy định chi tiết một số điều của Luật "
            "Hợp tác xã;\n"
            "Thông tư số 03/2014/TT-BKHĐT ngày 26/5/2014 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký hợp "
            "tác xã và chế độ báo cáo tình hình hoạt động của hợp tác xã"
        ),
        "online_level": "full", "old_online_level": 2,
        "forms": ["Giấy đề nghị đăng ký hợp tác xã (Phụ lục I-1 ban hành kèm theo Thông tư số "
                  "03/2014/TT-BKHĐT)"],
        "decision": _new("387/QĐ-UBND", "2019-03-22"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Bảo trợ xã hội, người có công
# ---------------------------------------------------------------------------------------------------
PROCEDURES += [
    {
        "code": "1.001776.000.00.00.H17",
        "name": "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, "
                "nuôi dưỡng hàng tháng",
        "field": "BTXH", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Đối tượng hoặc người giám hộ nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú.\n"
            "Bước 2: Trong 10 ngày làm việc, Hội đồng xét duyệt trợ cấp xã hội cấp xã họp xét duyệt; niêm "
            "yết công khai kết quả tại trụ sở UBND cấp xã trong 02 ngày làm việc; Chủ tịch UBND cấp xã gửi "
            "hồ sơ lên Phòng Lao động – Thương binh và Xã hội.\n"
            "Bước 3: Trong 07 ngày làm việc, Phòng Lao động – Thương binh và Xã hội thẩm định, trình Chủ tịch "
            "UBND thị xã.\n"
            "Bước 4: Trong 03 ngày làm việc, Chủ tịch UBND thị xã quyết định trợ cấp xã hội hoặc trả lời bằng "
            "văn bản, nêu rõ lý do."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ khai của đối tượng theo mẫu (Mẫu số 1a, 1b, 1c, 1d, 1đ ban hành kèm theo Thông tư liên "
                 "tịch số 29/2014/TTLT-BLĐTBXH-BTC)"),
            _doc("Giấy xác nhận khuyết tật (đối với người khuyết tật)", "copy"),
            _doc("Giấy tờ xác nhận bị nhiễm HIV của cơ quan có thẩm quyền (đối với người nhiễm HIV thuộc hộ "
                 "nghèo)", "copy"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": (
            "20 ngày làm việc: cấp xã 10 ngày làm việc; Phòng Lao động – Thương binh và Xã hội 07 ngày làm "
            "việc; Chủ tịch UBND thị xã 03 ngày làm việc"
        ),
        "applicants": "Cá nhân, người giám hộ",
        "result": "Quyết định của Chủ tịch UBND thị xã về việc trợ cấp xã hội hàng tháng, hỗ trợ kinh phí "
                  "chăm sóc, nuôi dưỡng hàng tháng",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Đối tượng quy định tại Điều 5 Nghị định số 136/2013/NĐ-CP: trẻ em dưới 16 tuổi không có nguồn "
            "nuôi dưỡng; người cao tuổi thuộc hộ nghèo không có người phụng dưỡng; người từ đủ 80 tuổi trở "
            "lên không có lương hưu, trợ cấp bảo hiểm xã hội hàng tháng; người khuyết tật nặng, đặc biệt nặng; "
            "người đơn thân nghèo đang nuôi con và các đối tượng khác theo quy định."
        ),
        "legal_basis": _BTXH_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a–1đ ban hành kèm theo Thông tư liên tịch số "
                  "29/2014/TTLT-BLĐTBXH-BTC)"],
        "decision": _amended("459/QĐ-UBND", "2019-03-29", [
            "steps", "documents", "processing_days", "processing_note", "legal_basis",
        ]),
    },
    {
        "code": "1.001731.000.00.00.H17",
        "name": "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "field": "BTXH", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Cơ quan, tổ chức, gia đình hoặc cá nhân tổ chức mai táng nộp hồ sơ tại "
            + _DESK_COMMUNE + " nơi người chết cư trú.\n"
            "Bước 2: Trong 03 ngày làm việc, Chủ tịch UBND cấp xã xem xét, gửi văn bản đề nghị kèm hồ sơ "
            "đến Phòng Lao động – Thương binh và Xã hội.\n"
            "Bước 3: Trong 03 ngày làm việc, Phòng Lao động – Thương binh và Xã hội thẩm định, trình Chủ tịch "
            "UBND thị xã quyết định hỗ trợ chi phí mai táng trong 02 ngày làm việc."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04 ban hành kèm theo Thông tư liên tịch số "
                 "29/2014/TTLT-BLĐTBXH-BTC)"),
            _doc("Giấy báo tử hoặc Trích lục khai tử", "copy"),
            _doc("Quyết định hưởng trợ cấp xã hội của người đã chết (trường hợp người chết đang hưởng trợ cấp "
                 "xã hội hàng tháng)", "copy"),
        ],
        "sets": 1, "processing_days": 8,
        "processing_note": "08 ngày làm việc kể từ ngày UBND cấp xã nhận đủ hồ sơ hợp lệ",
        "applicants": "Cơ quan, tổ chức, hộ gia đình, cá nhân tổ chức mai táng",
        "result": "Quyết định hỗ trợ chi phí mai táng (mức hỗ trợ bằng 20 lần mức chuẩn trợ cấp xã hội, "
                  "tương đương 5.400.000 đồng)",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Người chết thuộc đối tượng quy định tại Điều 11 Nghị định số 136/2013/NĐ-CP.",
        "legal_basis": _BTXH_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04 ban hành kèm theo Thông tư liên tịch "
                  "số 29/2014/TTLT-BLĐTBXH-BTC)"],
        "decision": _new("459/QĐ-UBND", "2019-03-29"),
    },
    {
        "code": "1.001699.000.00.00.H17",
        "name": "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "field": "BTXH", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người khuyết tật hoặc người đại diện hợp pháp nộp đơn tại " + _DESK_COMMUNE
            + " nơi cư trú.\n"
            "Bước 2: Chủ tịch UBND cấp xã (Chủ tịch Hội đồng xác định mức độ khuyết tật) triệu tập các thành "
            "viên, gửi thông báo về thời gian, địa điểm xác định mức độ khuyết tật.\n"
            "Bước 3: Hội đồng xác định mức độ khuyết tật bằng phương pháp quan sát trực tiếp và sử dụng bộ "
            "câu hỏi theo tiêu chí về y tế, xã hội; lập biên bản và niêm yết, thông báo công khai kết luận.\n"
            "Bước 4: Chủ tịch UBND cấp xã cấp Giấy xác nhận khuyết tật."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn đề nghị xác định mức độ khuyết tật (Mẫu số 01 ban hành kèm theo Thông tư liên tịch số "
                 "37/2012/TTLT-BLĐTBXH-BYT-BTC-BGDĐT)"),
            _doc("Kết luận của Hội đồng Giám định y khoa về khả năng tự phục vụ, mức độ suy giảm khả năng lao "
                 "động (nếu có)", "copy"),
            _doc("Giấy tờ liên quan đến khuyết tật: bệnh án, giấy tờ khám, điều trị, phẫu thuật (nếu có)",
                 "copy"),
        ],
        "sets": 1, "processing_days": 25,
        "processing_note": (
            "Hội đồng xác định mức độ khuyết tật tổ chức xác định trong 20 ngày làm việc kể từ ngày nhận đơn; "
            "Chủ tịch UBND cấp xã cấp Giấy xác nhận khuyết tật trong 05 ngày làm việc kể từ ngày có kết luận"
        ),
        "applicants": "Người khuyết tật, người đại diện hợp pháp của người khuyết tật",
        "result": "Giấy xác nhận khuyết tật",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Không",
        "legal_basis": _NKT_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn đề nghị xác định mức độ khuyết tật (Mẫu số 01 ban hành kèm theo Thông tư liên tịch số "
                  "37/2012/TTLT-BLĐTBXH-BYT-BTC-BGDĐT)"],
        "decision": _new("459/QĐ-UBND", "2019-03-29"),
    },
    {
        "code": "1.001653.000.00.00.H17",
        "name": "Đổi, cấp lại Giấy xác nhận khuyết tật",
        "field": "BTXH", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người khuyết tật hoặc người đại diện hợp pháp nộp đơn tại " + _DESK_COMMUNE + ".\n"
            "Bước 2: Công chức Lao động – Thương binh và Xã hội cấp xã kiểm tra hồ sơ lưu; trường hợp không "
            "có thay đổi về dạng tật, mức độ khuyết tật thì trình Chủ tịch UBND cấp xã đổi, cấp lại Giấy xác "
            "nhận khuyết tật.\n"
            "Bước 3: Trả Giấy xác nhận khuyết tật cho người yêu cầu."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật theo mẫu"),
            _doc("Giấy xác nhận khuyết tật đã cấp (trường hợp đổi do hư hỏng)"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đơn",
        "applicants": "Người khuyết tật, người đại diện hợp pháp của người khuyết tật",
        "result": "Giấy xác nhận khuyết tật (đổi hoặc cấp lại)",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Giấy xác nhận khuyết tật bị hư hỏng không sử dụng được hoặc bị mất; trẻ em khuyết tật từ đủ 06 "
            "tuổi trở lên."
        ),
        "legal_basis": _NKT_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật (Mẫu số 02 ban hành kèm theo Thông tư "
                  "liên tịch số 37/2012/TTLT-BLĐTBXH-BYT-BTC-BGDĐT)"],
        "decision": _new("459/QĐ-UBND", "2019-03-29"),
    },
    {
        "code": "1.002305.000.00.00.H17",
        "name": "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ",
        "field": "NCC", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Thân nhân liệt sĩ hoặc người thờ cúng liệt sĩ lập đơn đề nghị, có xác nhận của UBND cấp "
            "xã nơi cư trú, nộp tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Lao động – Thương binh và Xã hội kiểm tra hồ sơ liệt sĩ đang quản lý, cấp giấy "
            "giới thiệu đi thăm viếng mộ liệt sĩ.\n"
            "Bước 3: Sau khi thăm viếng, người đi thăm viếng nộp giấy giới thiệu có xác nhận của cơ quan "
            "quản lý nghĩa trang hoặc UBND cấp xã nơi có mộ để được thanh toán tiền hỗ trợ."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Đơn đề nghị cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ có xác nhận của UBND cấp xã"),
            _doc("Giấy báo tin mộ liệt sĩ hoặc giấy tờ xác định vị trí mộ liệt sĩ", "copy"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Thân nhân liệt sĩ, người thờ cúng liệt sĩ",
        "result": "Giấy giới thiệu đi thăm viếng mộ liệt sĩ; hỗ trợ tiền đi lại và tiền ăn cho thân nhân "
                  "(tối đa 03 người) theo quy định",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Mộ liệt sĩ đã được xác định vị trí; mỗi năm được hỗ trợ thăm viếng một lần.",
        "legal_basis": (
            _NCC_LAW + ";\nThông tư số 101/2018/TT-BTC ngày 14/11/2018 của Bộ Tài chính quy định về quản lý "
            "và sử dụng kinh phí thực hiện chính sách ưu đãi người có công với cách mạng và người trực tiếp "
            "tham gia kháng chiến do ngành Lao động – Thương binh và Xã hội quản lý"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1144/QĐ-UBND", "2018-07-16"),
    },
    {
        "code": "1.002311.000.00.00.H17",
        "name": "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ",
        "field": "NCC", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người thờ cúng liệt sĩ lập đơn đề nghị kèm văn bản ủy quyền, nộp tại " + _DESK_COMMUNE
            + "; trong 05 ngày làm việc UBND cấp xã xác nhận, gửi Phòng Lao động – Thương binh và Xã hội.\n"
            "Bước 2: Trong 05 ngày làm việc, Phòng Lao động – Thương binh và Xã hội kiểm tra, lập danh sách "
            "kèm hồ sơ gửi Sở Lao động – Thương binh và Xã hội.\n"
            "Bước 3: Trong 10 ngày làm việc, Sở Lao động – Thương binh và Xã hội ra quyết định trợ cấp thờ "
            "cúng liệt sĩ."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn đề nghị trợ cấp thờ cúng liệt sĩ có xác nhận của UBND cấp xã (Mẫu TT1)"),
            _doc("Văn bản ủy quyền của những người có quyền hưởng trợ cấp thờ cúng hoặc biên bản họp họ tộc "
                 "cử người thờ cúng liệt sĩ", "original_or_certified"),
            _doc("Bằng “Tổ quốc ghi công”", "copy"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": (
            "20 ngày làm việc: UBND cấp xã 05 ngày; Phòng Lao động – Thương binh và Xã hội 05 ngày; Sở Lao "
            "động – Thương binh và Xã hội 10 ngày"
        ),
        "applicants": "Thân nhân liệt sĩ, người thờ cúng liệt sĩ",
        "result": "Quyết định trợ cấp thờ cúng liệt sĩ",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Người thờ cúng liệt sĩ được những người có quyền hưởng trợ cấp ủy quyền hoặc cử.",
        "legal_basis": _NCC_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": ["Đơn đề nghị trợ cấp thờ cúng liệt sĩ (Mẫu TT1 ban hành kèm theo Thông tư số "
                  "05/2013/TT-BLĐTBXH)"],
        "decision": _new("1144/QĐ-UBND", "2018-07-16"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Giáo dục, văn hóa
# ---------------------------------------------------------------------------------------------------
PROCEDURES += [
    {
        "code": "1.005098.000.00.00.H17",
        "name": "Chuyển trường đối với học sinh trung học cơ sở",
        "field": "GD", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Cha, mẹ hoặc người giám hộ học sinh nộp hồ sơ cho nhà trường nơi đến; trường hợp chuyển "
            "trường từ tỉnh khác đến thì nộp tại " + _DESK_TOWN + " để Phòng Giáo dục và Đào tạo giới thiệu.\n"
            "Bước 2: Hiệu trưởng nhà trường nơi đi cấp giấy giới thiệu chuyển trường; Phòng Giáo dục và Đào "
            "tạo kiểm tra hồ sơ, cấp giấy giới thiệu chuyển đến trường phù hợp.\n"
            "Bước 3: Hiệu trưởng nhà trường nơi đến tiếp nhận học sinh và hồ sơ, xếp lớp."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Đơn xin chuyển trường do cha hoặc mẹ hoặc người giám hộ ký"),
            _doc("Học bạ"),
            _doc("Giấy chứng nhận hoàn thành chương trình tiểu học hoặc bằng tốt nghiệp trung học cơ sở (đối "
                 "với học sinh chuyển trường đầu cấp)", "copy"),
            _doc("Giấy giới thiệu chuyển trường do Hiệu trưởng nhà trường nơi đi cấp"),
            _doc("Giấy giới thiệu chuyển trường do Trưởng phòng Giáo dục và Đào tạo nơi đi cấp (đối với "
                 "chuyển trường ngoài tỉnh)"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Cá nhân (học sinh, cha mẹ hoặc người giám hộ)",
        "result": "Giấy giới thiệu chuyển trường; học sinh được tiếp nhận vào học tại trường nơi đến",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Học sinh chuyển trường theo nơi cư trú của cha mẹ hoặc người giám hộ hoặc có lý do chính đáng; "
            "thời điểm chuyển trường vào dịp hè hoặc kết thúc học kỳ I, trừ trường hợp đặc biệt."
        ),
        "legal_basis": (
            "Luật Giáo dục số 38/2005/QH11 ngày 14/6/2005; Luật số 44/2009/QH12 ngày 25/11/2009 sửa đổi, bổ "
            "sung một số điều của Luật Giáo dục;\n"
            "Quyết định số 51/2002/QĐ-BGDĐT ngày 25/12/2002 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành "
            "Quy định chuyển trường và tiếp nhận học sinh học tại các trường trung học cơ sở và trung học phổ "
            "thông;\n"
            "Thông tư số 50/2012/TT-BGDĐT ngày 18/12/2012 của Bộ Giáo dục và Đào tạo sửa đổi, bổ sung một số "
            "điều của Quy định chuyển trường và tiếp nhận học sinh"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1229/QĐ-UBND", "2019-07-31"),
    },
    {
        "code": "1.004443.000.00.00.H17",
        "name": "Cho phép thành lập nhóm trẻ, lớp mẫu giáo độc lập",
        "field": "GD", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Tổ chức, cá nhân nộp hồ sơ tại " + _DESK_COMMUNE + " nơi đặt nhóm trẻ, lớp mẫu giáo.\n"
            "Bước 2: UBND cấp xã kiểm tra hồ sơ, phối hợp với Phòng Giáo dục và Đào tạo kiểm tra thực tế "
            "điều kiện cơ sở vật chất, đội ngũ.\n"
            "Bước 3: Chủ tịch UBND cấp xã quyết định cho phép thành lập; trường hợp không cho phép thì trả "
            "lời bằng văn bản, nêu rõ lý do."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ trình đề nghị cho phép thành lập nhóm trẻ, lớp mẫu giáo độc lập"),
            _doc("Đề án thành lập (mục tiêu, nhiệm vụ, chương trình, nội dung giáo dục; đất đai, cơ sở vật "
                 "chất, thiết bị; tổ chức bộ máy; nguồn lực và tài chính)"),
            _doc("Giấy chứng nhận quyền sử dụng đất hoặc hợp đồng thuê địa điểm, nhà ở", "copy"),
            _doc("Danh sách giáo viên, người chăm sóc trẻ kèm văn bằng, chứng chỉ chuyên môn", "copy"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Tổ chức, cá nhân",
        "result": "Quyết định cho phép thành lập nhóm trẻ, lớp mẫu giáo độc lập",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Phù hợp với quy hoạch mạng lưới cơ sở giáo dục mầm non của địa phương; có địa điểm, cơ sở vật "
            "chất, thiết bị, đội ngũ giáo viên đạt chuẩn theo quy định."
        ),
        "legal_basis": (
            "Luật Giáo dục số 38/2005/QH11 ngày 14/6/2005;\n"
            "Nghị định số 46/2017/NĐ-CP ngày 21/4/2017 của Chính phủ quy định về điều kiện đầu tư và hoạt "
            "động trong lĩnh vực giáo dục;\n"
            "Nghị định số 135/2018/NĐ-CP ngày 04/10/2018 của Chính phủ sửa đổi, bổ sung một số điều của Nghị "
            "định số 46/2017/NĐ-CP"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1229/QĐ-UBND", "2019-07-31"),
    },
    {
        "code": "1.001029.000.00.00.H17",
        "name": "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "field": "VH", "level": "town", "unit": _CULTURE,
        "steps": (
            "Bước 1: Doanh nghiệp, hộ kinh doanh nộp hồ sơ tại " + _DESK_TOWN + ", qua bưu chính hoặc trực "
            "tuyến.\n"
            "Bước 2: Phòng Văn hóa và Thông tin thẩm định hồ sơ và kiểm tra thực tế các điều kiện kinh "
            "doanh; hồ sơ chưa hợp lệ thì thông báo bằng văn bản trong 01 ngày làm việc.\n"
            "Bước 3: Trình UBND thị xã cấp Giấy phép; trường hợp không cấp thì trả lời bằng văn bản, nêu rõ "
            "lý do.\n"
            "Bước 4: Trả Giấy phép và đăng tải trên cổng thông tin điện tử của thị xã."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (Mẫu số 01)"),
            _doc("Giấy chứng nhận đủ điều kiện về phòng cháy và chữa cháy", "original_or_certified"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Doanh nghiệp, hộ kinh doanh",
        "result": "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "fee_amount": 4000000,
        "fee_description": (
            "Phí thẩm định cấp giấy phép tại thị xã: từ 01 đến 03 phòng: 4.000.000 đồng/giấy; từ 04 đến 05 "
            "phòng: 6.000.000 đồng/giấy; từ 06 phòng trở lên: 12.000.000 đồng/giấy"
        ),
        "conditions": (
            "Là doanh nghiệp hoặc hộ kinh doanh được thành lập theo quy định của pháp luật; bảo đảm các điều "
            "kiện về phòng, chống cháy nổ; phòng hát có diện tích sử dụng từ 20 m² trở lên, không kể công "
            "trình phụ; không được đặt chốt cửa bên trong phòng hát hoặc đặt thiết bị báo động (trừ thiết bị "
            "báo cháy nổ)."
        ),
        "legal_basis": (
            "Nghị định số 54/2019/NĐ-CP ngày 19/6/2019 của Chính phủ quy định về kinh doanh dịch vụ karaoke, "
            "dịch vụ vũ trường;\n"
            "Thông tư số 212/2016/TT-BTC ngày 10/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, "
            "quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường"
        ),
        "online_level": "full", "old_online_level": 3,
        "forms": ["Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (Mẫu số 01 ban hành kèm "
                  "theo Nghị định số 54/2019/NĐ-CP)"],
        "decision": _new("1687/QĐ-UBND", "2019-10-25"),
    },
    {
        "code": "1.000922.000.00.00.H17",
        "name": "Xét tặng danh hiệu “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa”, "
                "“Tổ dân phố văn hóa” hằng năm",
        "field": "VH", "level": "town", "unit": _CULTURE,
        "steps": (
            "Bước 1: Trưởng Ban công tác Mặt trận thôn, bon, tổ dân phố chủ trì họp bình xét; Trưởng thôn, "
            "Tổ trưởng tổ dân phố lập hồ sơ gửi UBND cấp xã.\n"
            "Bước 2: Chủ tịch UBND cấp xã xét, lập hồ sơ đề nghị gửi Phòng Văn hóa và Thông tin qua " +
            _DESK_TOWN + ".\n"
            "Bước 3: Phòng Văn hóa và Thông tin thẩm định, trình Chủ tịch UBND thị xã quyết định tặng danh "
            "hiệu và Giấy công nhận."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Văn bản đề nghị của Chủ tịch UBND cấp xã kèm danh sách thôn, tổ dân phố được đề nghị"),
            _doc("Báo cáo thành tích xây dựng “Thôn văn hóa”, “Tổ dân phố văn hóa” có xác nhận của UBND cấp "
                 "xã"),
            _doc("Biên bản họp bình xét của thôn, tổ dân phố"),
        ],
        "sets": 1, "processing_days": 15,
        "processing_note": "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "UBND phường, xã; thôn, bon, tổ dân phố",
        "result": "Quyết định tặng danh hiệu kèm Giấy công nhận “Thôn văn hóa”, “Tổ dân phố văn hóa”",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Đạt các tiêu chuẩn quy định tại Nghị định số 122/2018/NĐ-CP.",
        "legal_basis": "Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 (sửa đổi, bổ sung năm "
                       "2005, 2013);\n" + _VHGD_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("168/QĐ-UBND", "2019-01-30"),
    },
    {
        "code": "1.000954.000.00.00.H17",
        "name": "Xét tặng danh hiệu “Gia đình văn hóa” hằng năm",
        "field": "VH", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Trưởng Ban công tác Mặt trận thôn, bon, tổ dân phố chủ trì cuộc họp bình xét các gia "
            "đình đã đăng ký; lập biên bản và danh sách đề nghị.\n"
            "Bước 2: Trưởng thôn, Tổ trưởng tổ dân phố gửi hồ sơ đến " + _DESK_COMMUNE + ".\n"
            "Bước 3: Công chức văn hóa – xã hội thẩm định, trình Chủ tịch UBND cấp xã quyết định tặng danh "
            "hiệu “Gia đình văn hóa” kèm Giấy chứng nhận."
        ),
        "channels": ["in_person"],
        "documents": [
            _doc("Văn bản đề nghị của Trưởng thôn, Tổ trưởng tổ dân phố kèm danh sách gia đình được đề nghị"),
            _doc("Biên bản họp bình xét của thôn, tổ dân phố"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Hộ gia đình (qua Trưởng thôn, Tổ trưởng tổ dân phố)",
        "result": "Quyết định tặng danh hiệu “Gia đình văn hóa” kèm Giấy chứng nhận",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Gia đình gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; gia đình "
            "hòa thuận, hạnh phúc, tiến bộ; đoàn kết, tương trợ trong cộng đồng (Điều 4 Nghị định số "
            "122/2018/NĐ-CP)."
        ),
        "legal_basis": "Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 (sửa đổi, bổ sung năm "
                       "2005, 2013);\n" + _VHGD_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _amended("168/QĐ-UBND", "2019-01-30", [
            "name", "steps", "documents", "processing_days", "processing_note", "result", "legal_basis",
        ]),
    },
]

# ---------------------------------------------------------------------------------------------------
# Tín ngưỡng, tôn giáo; thi đua, khen thưởng; hòa giải ở cơ sở; khiếu nại
# ---------------------------------------------------------------------------------------------------
PROCEDURES += [
    {
        "code": "1.001055.000.00.00.H17",
        "name": "Thủ tục đăng ký hoạt động tín ngưỡng",
        "field": "TG", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người đại diện hoặc ban quản lý cơ sở tín ngưỡng gửi văn bản đăng ký đến "
            + _DESK_COMMUNE + " nơi có cơ sở tín ngưỡng.\n"
            "Bước 2: UBND cấp xã xem xét danh mục hoạt động tín ngưỡng đăng ký.\n"
            "Bước 3: UBND cấp xã trả lời bằng văn bản; trường hợp không chấp thuận phải nêu rõ lý do."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Văn bản đăng ký hoạt động tín ngưỡng nêu rõ tên cơ sở tín ngưỡng, danh mục hoạt động tín "
                 "ngưỡng, thời gian, địa điểm, quy mô, thành phần tham gia"),
        ],
        "sets": 1, "processing_days": 15,
        "processing_note": "15 ngày kể từ ngày nhận được văn bản đăng ký hợp lệ",
        "applicants": "Người đại diện hoặc ban quản lý cơ sở tín ngưỡng",
        "result": "Văn bản chấp thuận hoặc không chấp thuận của UBND cấp xã",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": "Gửi văn bản đăng ký trước ngày 15 tháng 10 hằng năm đối với hoạt động diễn ra năm sau.",
        "legal_basis": _TG_LAW,
        "online_level": "full", "old_online_level": 2,
        "forms": ["Văn bản đăng ký hoạt động tín ngưỡng (Mẫu ban hành kèm theo Nghị định số "
                  "162/2017/NĐ-CP)"],
        "decision": _new("1412/QĐ-UBND", "2018-08-31"),
    },
    {
        "code": "1.001085.000.00.00.H17",
        "name": "Thủ tục đăng ký sinh hoạt tôn giáo tập trung",
        "field": "TG", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Người đại diện nhóm sinh hoạt tôn giáo tập trung gửi hồ sơ đến " + _DESK_COMMUNE
            + " nơi có địa điểm sinh hoạt.\n"
            "Bước 2: UBND cấp xã kiểm tra hồ sơ, xác minh địa điểm và người đại diện.\n"
            "Bước 3: UBND cấp xã trả lời bằng văn bản; trường hợp từ chối phải nêu rõ lý do."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Văn bản đăng ký sinh hoạt tôn giáo tập trung"),
            _doc("Danh sách tín đồ tham gia sinh hoạt tôn giáo tập trung"),
            _doc("Bản tóm tắt tiểu sử của người đại diện nhóm"),
            _doc("Văn bản chứng minh có địa điểm hợp pháp để sinh hoạt tôn giáo tập trung", "copy"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": "20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Tổ chức tôn giáo, nhóm tín đồ",
        "result": "Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Người đại diện là công dân Việt Nam thường trú tại Việt Nam, có năng lực hành vi dân sự đầy đủ, "
            "không trong thời gian bị áp dụng biện pháp xử lý hành chính trong lĩnh vực tín ngưỡng, tôn "
            "giáo, không có án tích; có địa điểm hợp pháp để sinh hoạt tôn giáo."
        ),
        "legal_basis": _TG_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1412/QĐ-UBND", "2018-08-31"),
    },
    {
        "code": "1.000775.000.00.00.H17",
        "name": "Thủ tục tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện về thành tích thực hiện "
                "nhiệm vụ chính trị",
        "field": "TDKT", "level": "town", "unit": _HOME,
        "steps": (
            "Bước 1: Cơ quan, đơn vị, UBND phường, xã trình hồ sơ đề nghị khen thưởng qua " + _DESK_TOWN
            + ".\n"
            "Bước 2: Phòng Nội vụ (cơ quan thường trực Hội đồng Thi đua – Khen thưởng thị xã) thẩm định hồ "
            "sơ, xin ý kiến các cơ quan liên quan (nếu cần).\n"
            "Bước 3: Phòng Nội vụ trình Chủ tịch UBND thị xã quyết định khen thưởng; thông báo và trao Giấy "
            "khen."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Tờ trình đề nghị khen thưởng"),
            _doc("Biên bản xét khen thưởng của Hội đồng Thi đua – Khen thưởng cơ sở"),
            _doc("Báo cáo thành tích của tập thể, cá nhân đề nghị khen thưởng"),
        ],
        "sets": 1, "processing_days": 20,
        "processing_note": "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Cơ quan, tổ chức, đơn vị, cá nhân",
        "result": "Quyết định khen thưởng kèm Giấy khen",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Hoàn thành tốt nhiệm vụ, nghĩa vụ công dân; có phẩm chất đạo đức tốt; đoàn kết, gương mẫu chấp "
            "hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước (Điều 75 Luật Thi đua, khen thưởng)."
        ),
        "legal_basis": (
            "Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003; Luật số 47/2005/QH11 ngày 14/6/2005 "
            "và Luật số 39/2013/QH13 ngày 16/11/2013 sửa đổi, bổ sung một số điều của Luật Thi đua, khen "
            "thưởng;\n"
            "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành một số điều "
            "của Luật Thi đua, khen thưởng;\n"
            "Thông tư số 08/2017/TT-BNV ngày 27/10/2017 của Bộ Nội vụ quy định chi tiết thi hành một số điều "
            "của Nghị định số 91/2017/NĐ-CP"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1976/QĐ-UBND", "2018-11-29"),
    },
    {
        "code": "2.000424.000.00.00.H17",
        "name": "Thủ tục công nhận hòa giải viên",
        "field": "HGCS", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Ban công tác Mặt trận thôn, bon, tổ dân phố tổ chức bầu hòa giải viên.\n"
            "Bước 2: Trưởng ban công tác Mặt trận lập văn bản đề nghị công nhận hòa giải viên, gửi "
            + _DESK_COMMUNE + ".\n"
            "Bước 3: Chủ tịch UBND cấp xã ra quyết định công nhận hòa giải viên."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Văn bản đề nghị công nhận hòa giải viên của Trưởng ban công tác Mặt trận"),
            _doc("Biên bản bầu hòa giải viên kèm danh sách người được đề nghị công nhận"),
        ],
        "sets": 1, "processing_days": 5,
        "processing_note": "05 ngày làm việc kể từ ngày nhận được văn bản đề nghị",
        "applicants": "Ban công tác Mặt trận thôn, bon, tổ dân phố",
        "result": "Quyết định công nhận hòa giải viên",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Công dân Việt Nam thường trú tại cơ sở, tự nguyện tham gia; có phẩm chất đạo đức tốt, có uy tín "
            "trong cộng đồng dân cư; có khả năng thuyết phục, vận động nhân dân; có hiểu biết pháp luật."
        ),
        "legal_basis": _HGCS_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("870/QĐ-UBND", "2019-06-03"),
    },
    {
        "code": "2.000930.000.00.00.H17",
        "name": "Thủ tục thôi làm hòa giải viên",
        "field": "HGCS", "level": "commune", "unit": None,
        "steps": (
            "Bước 1: Tổ trưởng tổ hòa giải hoặc Trưởng ban công tác Mặt trận lập văn bản đề nghị thôi làm hòa "
            "giải viên, gửi " + _DESK_COMMUNE + ".\n"
            "Bước 2: Chủ tịch UBND cấp xã xem xét, ra quyết định thôi làm hòa giải viên.\n"
            "Bước 3: Gửi quyết định cho Ban công tác Mặt trận, tổ hòa giải và người thôi làm hòa giải viên."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Văn bản đề nghị thôi làm hòa giải viên của Trưởng ban công tác Mặt trận"),
            _doc("Đơn xin thôi làm hòa giải viên (trường hợp hòa giải viên tự nguyện xin thôi) hoặc văn bản "
                 "ý kiến của tổ hòa giải"),
        ],
        "sets": 1, "processing_days": 3,
        "processing_note": "03 ngày làm việc kể từ ngày nhận được văn bản đề nghị",
        "applicants": "Ban công tác Mặt trận, tổ hòa giải, hòa giải viên",
        "result": "Quyết định thôi làm hòa giải viên",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Hòa giải viên tự nguyện xin thôi; không còn đáp ứng tiêu chuẩn; không thực hiện nhiệm vụ hòa "
            "giải viên ba lần liên tiếp; vi phạm nguyên tắc hòa giải (Điều 11 Luật Hòa giải ở cơ sở)."
        ),
        "legal_basis": _HGCS_LAW,
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("870/QĐ-UBND", "2019-06-03"),
    },
    {
        "code": "2.002499.000.00.00.H17",
        "name": "Thủ tục giải quyết khiếu nại lần đầu tại cấp huyện",
        "field": "KN", "level": "town", "unit": _OFFICE,
        "steps": (
            "Bước 1: Người khiếu nại gửi đơn và tài liệu liên quan (hoặc trình bày trực tiếp) tại Trụ sở tiếp "
            "công dân thị xã hoặc " + _DESK_TOWN + ".\n"
            "Bước 2: Trong 10 ngày kể từ ngày nhận được đơn thuộc thẩm quyền, Chủ tịch UBND thị xã thụ lý và "
            "thông báo bằng văn bản cho người khiếu nại.\n"
            "Bước 3: Cơ quan được giao xác minh nội dung khiếu nại, tổ chức đối thoại với người khiếu nại, "
            "người bị khiếu nại.\n"
            "Bước 4: Chủ tịch UBND thị xã ban hành quyết định giải quyết khiếu nại lần đầu và gửi cho người "
            "khiếu nại, người có quyền, nghĩa vụ liên quan."
        ),
        "channels": ["in_person", "post", "online"],
        "documents": [
            _doc("Đơn khiếu nại hoặc bản ghi lời khiếu nại"),
            _doc("Tài liệu, chứng cứ do người khiếu nại cung cấp", "copy"),
            _doc("Văn bản ủy quyền (trường hợp khiếu nại thông qua người đại diện)", "original_or_certified"),
        ],
        "sets": 1, "processing_days": 30,
        "processing_note": (
            "Không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 45 ngày; tại vùng sâu, vùng xa "
            "đi lại khó khăn không quá 45 ngày, vụ việc phức tạp không quá 60 ngày"
        ),
        "applicants": "Cá nhân, cơ quan, tổ chức",
        "result": "Quyết định giải quyết khiếu nại lần đầu",
        "fee_amount": None,
        "fee_description": "Không",
        "conditions": (
            "Khiếu nại đáp ứng các điều kiện thụ lý quy định tại Điều 11 Luật Khiếu nại; thời hiệu khiếu nại "
            "là 90 ngày kể từ ngày nhận được quyết định hành chính hoặc biết được hành vi hành chính."
        ),
        "legal_basis": (
            "Luật Khiếu nại số 02/2011/QH13 ngày 11/11/2011;\n"
            "Nghị định số 75/2012/NĐ-CP ngày 03/10/2012 của Chính phủ quy định chi tiết một số điều của Luật "
            "Khiếu nại;\n"
            "Thông tư số 07/2013/TT-TTCP ngày 31/10/2013 của Thanh tra Chính phủ quy định quy trình giải quyết "
            "khiếu nại hành chính"
        ),
        "online_level": "partial", "old_online_level": 2,
        "forms": [],
        "decision": _new("1855/QĐ-UBND", "2018-11-12"),
    },
]

# ---------------------------------------------------------------------------------------------------
# Earlier versions of five amended procedures (oldest first; only the keys that differed)
# ---------------------------------------------------------------------------------------------------
_BY_CODE = {p["code"]: p for p in PROCEDURES}


def _docs_plus(code: str, *extra: dict) -> list[dict]:
    return [dict(d) for d in _BY_CODE[code]["documents"]] + list(extra)


HISTORY: dict[str, list[dict]] = {
    "2.000815.000.00.00.H17": [
        {
            "fee_description": (
                "Lệ phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 "
                "đồng/trang, tối đa thu không quá 100.000 đồng/bản."
            ),
            "legal_basis": (
                "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng "
                "thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch;\n"
                "Thông tư liên tịch số 92/2008/TTLT-BTC-BTP ngày 17/10/2008 của Bộ Tài chính, Bộ Tư pháp "
                "hướng dẫn về mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí chứng thực"
            ),
            "decision": _new("1021/QĐ-UBND", "2015-07-08"),
        },
    ],
    "1.007006.000.00.00.H17": [
        {
            "processing_days": 20,
            "processing_note": "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "documents": _docs_plus(
                "1.007006.000.00.00.H17",
                _doc("Bản kê khai năng lực, kinh nghiệm của tổ chức thiết kế, cá nhân là chủ nhiệm, chủ trì "
                     "thiết kế (đối với nhà ở riêng lẻ từ 03 tầng trở lên hoặc có tổng diện tích sàn từ 250 m² "
                     "trở lên)"),
            ),
            "fee_amount": 50000,
            "fee_description": "Lệ phí: 50.000 đồng/giấy phép (theo Nghị quyết của HĐND tỉnh Đắk Nông)",
            "legal_basis": (
                "Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014;\n"
                "Nghị định số 59/2015/NĐ-CP ngày 18/6/2015 của Chính phủ về quản lý dự án đầu tư xây dựng;\n"
                "Thông tư số 15/2016/TT-BXD ngày 30/6/2016 của Bộ Xây dựng hướng dẫn về cấp giấy phép xây "
                "dựng;\n"
                "Thông tư số 02/2014/TT-BTC ngày 02/01/2014 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc "
                "thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc trung ương"
            ),
            "decision": _new("1946/QĐ-UBND", "2016-11-15"),
        },
    ],
    "1.001612.000.00.00.H17": [
        {
            "legal_basis": (
                "Luật Doanh nghiệp số 68/2014/QH13 ngày 26/11/2014;\n"
                "Nghị định số 78/2015/NĐ-CP ngày 14/9/2015 của Chính phủ về đăng ký doanh nghiệp;\n"
                "Thông tư số 20/2015/TT-BKHĐT ngày 01/12/2015 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký "
                "doanh nghiệp"
            ),
            "forms": ["Giấy đề nghị đăng ký hộ kinh doanh (Phụ lục III-1 ban hành kèm theo Thông tư số "
                      "20/2015/TT-BKHĐT)"],
            "old_online_level": 2,
            "decision": _new("675/QĐ-UBND", "2016-04-22"),
        },
    ],
    "1.001776.000.00.00.H17": [
        {
            "steps": (
                "Bước 1: Đối tượng hoặc người giám hộ nộp hồ sơ tại " + _DESK_COMMUNE + " nơi cư trú.\n"
                "Bước 2: Trong 10 ngày làm việc, Hội đồng xét duyệt trợ cấp xã hội cấp xã họp xét duyệt; niêm "
                "yết công khai kết quả tại trụ sở UBND cấp xã trong 07 ngày; hết thời hạn niêm yết, Chủ tịch "
                "UBND cấp xã gửi hồ sơ lên Phòng Lao động – Thương binh và Xã hội.\n"
                "Bước 3: Trong 07 ngày làm việc, Phòng Lao động – Thương binh và Xã hội thẩm định, trình Chủ "
                "tịch UBND thị xã.\n"
                "Bước 4: Trong 03 ngày làm việc, Chủ tịch UBND thị xã quyết định trợ cấp xã hội hoặc trả lời "
                "bằng văn bản, nêu rõ lý do."
            ),
            "documents": [
                _doc("Tờ khai của đối tượng theo mẫu (Mẫu số 1a, 1b, 1c, 1d, 1đ ban hành kèm theo Thông tư liên "
                     "tịch số 29/2014/TTLT-BLĐTBXH-BTC)"),
                _doc("Sổ hộ khẩu của đối tượng hoặc văn bản xác nhận của công an xã về việc cư trú",
                     "certified_copy"),
                _doc("Giấy khai sinh của trẻ em (đối với trẻ em)", "certified_copy"),
                _doc("Giấy xác nhận khuyết tật (đối với người khuyết tật)", "certified_copy"),
                _doc("Giấy tờ xác nhận bị nhiễm HIV của cơ quan có thẩm quyền (đối với người nhiễm HIV thuộc "
                     "hộ nghèo)", "certified_copy"),
            ],
            "processing_days": 27,
            "processing_note": (
                "27 ngày làm việc: cấp xã 17 ngày làm việc (gồm thời gian niêm yết công khai); Phòng Lao "
                "động – Thương binh và Xã hội 07 ngày làm việc; Chủ tịch UBND thị xã 03 ngày làm việc"
            ),
            "legal_basis": (
                "Nghị định số 136/2013/NĐ-CP ngày 21/10/2013 của Chính phủ quy định chính sách trợ giúp xã "
                "hội đối với đối tượng bảo trợ xã hội;\n"
                "Thông tư liên tịch số 29/2014/TTLT-BLĐTBXH-BTC ngày 24/10/2014 của Bộ Lao động – Thương binh "
                "và Xã hội, Bộ Tài chính hướng dẫn thực hiện một số điều của Nghị định số 136/2013/NĐ-CP"
            ),
            "decision": _new("1352/QĐ-UBND", "2016-08-29"),
        },
    ],
    "1.000954.000.00.00.H17": [
        {
            "name": "Công nhận danh hiệu “Gia đình văn hóa” hằng năm",
            "steps": (
                "Bước 1: Hộ gia đình đăng ký xây dựng “Gia đình văn hóa” với Trưởng thôn, bon, Tổ trưởng tổ "
                "dân phố từ đầu năm.\n"
                "Bước 2: Cuối năm, Trưởng thôn, Tổ trưởng tổ dân phố tổ chức họp bình xét, lập danh sách đề "
                "nghị gửi UBND cấp xã.\n"
                "Bước 3: Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” cấp xã xem xét, "
                "trình Chủ tịch UBND cấp xã quyết định công nhận."
            ),
            "documents": [
                _doc("Bản đăng ký xây dựng “Gia đình văn hóa” của hộ gia đình"),
                _doc("Biên bản họp bình xét của thôn, tổ dân phố kèm danh sách đề nghị công nhận"),
                _doc("Văn bản đề nghị của Trưởng thôn, Tổ trưởng tổ dân phố"),
            ],
            "processing_days": 10,
            "processing_note": "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "result": "Giấy công nhận “Gia đình văn hóa”",
            "legal_basis": (
                "Thông tư số 12/2011/TT-BVHTTDL ngày 10/10/2011 của Bộ Văn hóa, Thể thao và Du lịch quy định "
                "chi tiết về tiêu chuẩn, trình tự, thủ tục xét và công nhận danh hiệu “Gia đình văn hóa”; "
                "“Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa” và tương đương"
            ),
            "decision": _new("1890/QĐ-UBND", "2015-12-07"),
        },
    ],
}

# ---------------------------------------------------------------------------------------------------
# Abolished: the karaoke licence of Nghị định 103/2009, repealed for karaoke by Nghị định 54/2019 and
# replaced by procedure 1.001029 (same provincial decision).
# ---------------------------------------------------------------------------------------------------
ABOLISHED: list[dict] = [
    {
        "code": "1.000972.000.00.00.H17",
        "name": "Cấp Giấy phép kinh doanh karaoke (do cơ quan quản lý nhà nước về văn hóa cấp huyện cấp)",
        "field": "VH", "level": "town", "unit": _CULTURE,
        "steps": (
            "Bước 1: Tổ chức, cá nhân nộp hồ sơ tại " + _DESK_TOWN + ".\n"
            "Bước 2: Phòng Văn hóa và Thông tin thẩm định hồ sơ, kiểm tra thực tế địa điểm kinh doanh.\n"
            "Bước 3: Trình UBND thị xã cấp Giấy phép kinh doanh karaoke; trường hợp không cấp thì trả lời "
            "bằng văn bản, nêu rõ lý do."
        ),
        "channels": ["in_person", "post"],
        "documents": [
            _doc("Đơn đề nghị cấp giấy phép kinh doanh ghi rõ địa điểm kinh doanh, số phòng, diện tích từng "
                 "phòng"),
            _doc("Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "certified_copy"),
        ],
        "sets": 1, "processing_days": 7,
        "processing_note": "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "applicants": "Doanh nghiệp, hộ kinh doanh",
        "result": "Giấy phép kinh doanh karaoke",
        "fee_amount": 4000000,
        "fee_description": _BY_CODE["1.001029.000.00.00.H17"]["fee_description"],
        "conditions": (
            "Phòng karaoke có diện tích từ 20 m² trở lên, không kể công trình phụ; cửa phòng karaoke là cửa "
            "kính không màu, bên ngoài có thể nhìn thấy toàn bộ phòng; không được đặt khóa, chốt cửa bên "
            "trong hoặc đặt thiết bị báo động; đủ điều kiện về phòng cháy, chữa cháy."
        ),
        "legal_basis": (
            "Nghị định số 103/2009/NĐ-CP ngày 06/11/2009 của Chính phủ ban hành Quy chế hoạt động văn hóa và "
            "kinh doanh dịch vụ văn hóa công cộng;\n"
            "Nghị định số 142/2018/NĐ-CP ngày 09/10/2018 của Chính phủ sửa đổi một số quy định về điều kiện "
            "đầu tư kinh doanh thuộc phạm vi quản lý nhà nước của Bộ Văn hóa, Thể thao và Du lịch;\n"
            "Thông tư số 212/2016/TT-BTC ngày 10/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, "
            "quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường"
        ),
        "online_level": "none", "old_online_level": 2,
        "forms": [],
        "decision": {"number": "1687/QĐ-UBND", "date": "2019-10-25", "type": "abolished",
                     "first_number": "1593/QĐ-UBND", "first_date": "2018-10-30"},
    },
]


# ---------------------------------------------------------------------------------------------------
# Self-check: python portal/demo/procedures_data.py
# ---------------------------------------------------------------------------------------------------
def _self_check() -> list[str]:  # noqa: C901 - a flat list of checks reads best here
    import datetime
    import re
    import unicodedata

    errors: list[str] = []
    field_codes = [c for c, _ in FIELDS]
    town_units = {_OFFICE, _HOME, _JUSTICE, _FINANCE, _CULTURE, "000.06.26.H17"}
    commune_units = {None}  # competence by level: a commune-level procedure names no unit
    code_re = re.compile(r"^[123]\.\d{6}\.000\.00\.00\.H17$")
    number_re = re.compile(r"^\d{1,4}/QĐ-UBND$")
    banned = re.compile(r"lorem|ipsum|\btest\b|todo|xxx|placeholder", re.IGNORECASE)

    def is_int(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def date_of(decision: dict, where: str):
        try:
            return datetime.date.fromisoformat(decision["date"])
        except (KeyError, TypeError, ValueError):
            errors.append(f"{where}: bad decision date {decision.get('date')!r}")
            return None

    def strings(obj):
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, dict):
            for k, v in obj.items():
                yield from strings(k)
                yield from strings(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                yield from strings(v)

    def check_decision(d, where: str, types: tuple[str, ...]) -> None:
        if not isinstance(d, dict) or d.get("type") not in types:
            errors.append(f"{where}: decision type must be one of {types}: {d!r}")
            return
        if not number_re.match(str(d.get("number", ""))):
            errors.append(f"{where}: bad decision number {d.get('number')!r}")
        date_of(d, where)
        if d["type"] == "amended":
            changed = d.get("changed")
            if not changed or not set(changed) <= set(PROCEDURE_KEYS) - {"code", "decision"}:
                errors.append(f"{where}: bad 'changed' list {changed!r}")
        elif "changed" in d:
            errors.append(f"{where}: only amended decisions list changed keys")
        extra = set(d) - {"number", "date", "type", "changed"} - (
            {"first_number", "first_date"} if d["type"] == "abolished" else set())
        if extra:
            errors.append(f"{where}: unexpected decision keys {sorted(extra)}")

    def check_procedure(p: dict, extra_keys: set[str], decision_types=("new", "amended")) -> None:
        where = p.get("code", "?")
        if set(p) != set(PROCEDURE_KEYS) | extra_keys:
            errors.append(f"{where}: keys differ: {sorted(set(p) ^ (set(PROCEDURE_KEYS) | extra_keys))}")
            return
        if not code_re.match(p["code"]):
            errors.append(f"{where}: bad code")
        for key in ("name", "steps", "processing_note", "applicants", "result", "fee_description",
                    "conditions", "legal_basis"):
            if not isinstance(p[key], str) or not p[key].strip():
                errors.append(f"{where}: {key} must be a non-empty string")
        if p["field"] not in field_codes:
            errors.append(f"{where}: unknown field {p['field']!r}")
        if p["level"] not in ("town", "commune"):
            errors.append(f"{where}: bad level {p['level']!r}")
        elif p["unit"] not in (town_units if p["level"] == "town" else commune_units):
            errors.append(f"{where}: unit {p['unit']!r} does not match level {p['level']!r}")
        steps = [s for s in p["steps"].split("\n") if s.strip()]
        if not 3 <= len(steps) <= 5 or any(not s.startswith(f"Bước {i}: ") for i, s in enumerate(steps, 1)):
            errors.append(f"{where}: steps must be 3–5 lines 'Bước n: …'")
        ch = p["channels"]
        if not isinstance(ch, list) or not ch or len(set(ch)) != len(ch) or not set(ch) <= set(CHANNELS):
            errors.append(f"{where}: bad channels {ch!r}")
        docs = p["documents"]
        if not isinstance(docs, list) or not docs:
            errors.append(f"{where}: documents must be a non-empty list")
        for d in docs if isinstance(docs, list) else []:
            if (not isinstance(d, dict) or set(d) != {"name", "kind", "count"} or not d["name"]
                    or d["kind"] not in DOCUMENT_KINDS or not is_int(d["count"]) or d["count"] < 1):
                errors.append(f"{where}: bad document {d!r}")
        if not is_int(p["sets"]) or p["sets"] < 1:
            errors.append(f"{where}: sets must be a positive int")
        if not is_int(p["processing_days"]) or p["processing_days"] < 0:
            errors.append(f"{where}: processing_days must be an int >= 0")
        if p["fee_amount"] is not None and (not is_int(p["fee_amount"]) or p["fee_amount"] <= 0):
            errors.append(f"{where}: fee_amount must be None or a positive int")
        if p["online_level"] not in ONLINE_LEVELS:
            errors.append(f"{where}: bad online_level")
        if not is_int(p["old_online_level"]) or not 1 <= p["old_online_level"] <= 4:
            errors.append(f"{where}: old_online_level must be 1–4")
        if not isinstance(p["forms"], list) or not all(isinstance(f, str) and f for f in p["forms"]):
            errors.append(f"{where}: forms must be a list of strings")
        check_decision(p["decision"], where, decision_types)
        for s in strings(p):
            if unicodedata.normalize("NFC", s) != s:
                errors.append(f"{where}: text not in Unicode NFC: {s[:40]!r}")
            if banned.search(s):
                errors.append(f"{where}: placeholder text: {s[:40]!r}")

    if len(set(field_codes)) != len(field_codes):
        errors.append("duplicate field codes")
    for p in PROCEDURES:
        check_procedure(p, set())
    for p in ABOLISHED:
        check_procedure(p, set(), ("abolished",))
        first = {"number": p["decision"].get("first_number"), "date": p["decision"].get("first_date"),
                 "type": "new"}
        check_decision(first, p["code"] + " (first publication)", ("new",))
        if str(first["date"]) >= p["decision"].get("date", ""):
            errors.append(f"{p['code']}: abolished before it was published")
    codes = [p["code"] for p in PROCEDURES + ABOLISHED]
    names = [p["name"] for p in PROCEDURES + ABOLISHED]
    errors += [f"duplicate code {c}" for c in sorted({c for c in codes if codes.count(c) > 1})]
    errors += [f"duplicate name {n}" for n in sorted({n for n in names if names.count(n) > 1})]
    unused = set(field_codes) - {p["field"] for p in PROCEDURES + ABOLISHED}
    if unused:
        errors.append(f"fields without procedures: {sorted(unused)}")

    amended = {p["code"] for p in PROCEDURES if p["decision"]["type"] == "amended"}
    if amended != set(HISTORY):
        errors.append(f"amended procedures {sorted(amended)} differ from HISTORY keys {sorted(HISTORY)}")
    for code, versions in HISTORY.items():
        current = _BY_CODE.get(code)
        if current is None or not versions:
            errors.append(f"HISTORY {code}: unknown code or no versions")
            continue
        dates = []
        for i, v in enumerate(versions):
            where = f"HISTORY {code}[{i}]"
            check_decision(v.get("decision"), where, ("new",))
            if not set(v) - {"decision"} or not set(v) <= set(PROCEDURE_KEYS) - {"code"}:
                errors.append(f"{where}: keys must be a non-empty subset of the procedure keys")
            dates.append(v.get("decision", {}).get("date", ""))
            merged = {**current, **v}
            check_procedure(merged, set())
        dates.append(current["decision"]["date"])
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            errors.append(f"HISTORY {code}: decision dates must increase up to the current version")
        if set(versions[-1]) - {"decision"} != set(current["decision"].get("changed", [])):
            errors.append(f"HISTORY {code}: 'changed' of the current decision does not match the last "
                          f"earlier version")
        for key in set(versions[-1]) - {"decision"}:
            if versions[-1][key] == current[key]:
                errors.append(f"HISTORY {code}: {key} listed as changed but equal to the current value")

    khai_sinh = [p for p in PROCEDURES if "1.001193" in p["code"]]
    if not khai_sinh or khai_sinh[0]["name"] != "Thủ tục đăng ký khai sinh" or khai_sinh[0]["level"] != "commune":
        errors.append("Thủ tục đăng ký khai sinh (1.001193, commune, HT) is required")
    minimum = {"HT": 8, "CT": 5, "DD": 5, "XD": 3, "KD": 4, "BTXH": 4, "NCC": 2, "GD": 2, "VH": 2}
    for field, n in minimum.items():
        if sum(p["field"] == field for p in PROCEDURES) < n:
            errors.append(f"field {field} needs at least {n} procedures")
    if len(PROCEDURES) < 45:
        errors.append("at least 45 procedures are required")
    if sum(p["level"] == "commune" for p in PROCEDURES) < 12:
        errors.append("at least 12 commune-level procedures are required")
    return errors


if __name__ == "__main__":
    import sys
    from collections import Counter

    problems = _self_check()
    by_field = Counter(p["field"] for p in PROCEDURES)
    by_level = Counter(p["level"] for p in PROCEDURES)
    by_field_level = Counter((p["field"], p["level"]) for p in PROCEDURES)
    print(f"{len(PROCEDURES)} procedures, {len(FIELDS)} fields, {len(HISTORY)} with history "
          f"({sum(len(v) for v in HISTORY.values())} earlier versions), {len(ABOLISHED)} abolished")
    for code, name in FIELDS:
        print(f"  {code:<5} {by_field[code]:>3}  (town {by_field_level[code, 'town']}, "
              f"commune {by_field_level[code, 'commune']})  {name}")
    print("  by level: " + ", ".join(f"{lvl} {n}" for lvl, n in sorted(by_level.items())))
    print("  online: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(p['online_level'] for p in PROCEDURES).items())))
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        sys.exit(1)
    print("OK")

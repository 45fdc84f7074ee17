"""Documents of the demo's documents library, written at load time: PDF, DOCX, ODT and XLSX.

Each is a real, readable file in the language it would exist in (a Koprivshtitsa form in
Bulgarian, a Medijana form in Serbian Cyrillic and its Latin copy, the customer charters
also in English), with our own text and a line saying it is a demo document. PDFs are
written with fpdf2 in DejaVu Sans (Latin and Cyrillic subset, demo/fonts/); DOCX and ODT
are the few XML parts a word processor needs; spreadsheets come from openpyxl. Files are
made once per process (``functools.cache``), so loading the demo twice writes them once.
"""

import functools
import io
import logging
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from core.transliteration import to_latin

# fpdf2 subsets the font through fontTools, which logs every table it touches.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent.parent / "fonts"
DEMO_LINE = {
    "bg": "Демонстрационен документ на портала Most – съдържанието е примерно.",
    "sr-Cyrl": "Демонстрациони документ портала Most – садржај је примерни.",
    "sr-Latn": "Demonstracioni dokument portala Most – sadržaj je primerni.",
    "en": "A demo document of the Most portal: the content is an example.",
    "mul": "Демонстрационен документ / Демонстрациони документ / Demo document",
}


@functools.cache
def pdf(title: str, sections: tuple, language: str) -> bytes:
    """A PDF with real text: a title, the demo line, then (heading, paragraph) sections."""
    document = FPDF(format="A4")
    document.set_title(title)
    document.set_creator("Most demo content")
    document.set_lang(language)
    document.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    document.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    document.set_margins(20, 20, 20)
    document.add_page()
    document.set_font("DejaVu", "B", 17)
    document.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    document.ln(2)
    document.set_font("DejaVu", "", 9)
    document.set_text_color(110, 110, 110)
    document.multi_cell(0, 5, DEMO_LINE[language], new_x="LMARGIN", new_y="NEXT")
    document.set_text_color(0, 0, 0)
    for heading, paragraph in sections:
        document.ln(4)
        document.set_font("DejaVu", "B", 12)
        document.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        document.set_font("DejaVu", "", 11)
        document.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())


def _paragraphs_xml(title: str, lines: tuple, language: str, *, odf: bool) -> str:
    texts = [escape(text) for text in (title, DEMO_LINE[language], *lines)]
    if odf:
        heading = f'<text:h text:outline-level="1">{texts[0]}</text:h>'
        return heading + "".join(f"<text:p>{text}</text:p>" for text in texts[1:])
    heading = f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>{texts[0]}</w:t></w:r></w:p>'
    return heading + "".join(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in texts[1:])


@functools.cache
def docx(title: str, lines: tuple, language: str) -> bytes:
    """A Word document (Office Open XML): the title, the demo line, then one paragraph per line."""
    body = _paragraphs_xml(title, lines, language, odf=False)
    lang = {"sr-Cyrl": "sr-Cyrl-RS", "sr-Latn": "sr-Latn-RS", "mul": "en"}.get(language, language)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:pPr><w:rPr><w:lang w:val="{lang}"/></w:rPr></w:pPr></w:p>{body}</w:body></w:document>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@functools.cache
def odt(title: str, lines: tuple, language: str) -> bytes:
    """An OpenDocument text: the mimetype first and stored, a manifest, the content."""
    body = _paragraphs_xml(title, lines, language, odf=True)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@functools.cache
def xlsx(title: str, header: tuple, rows: tuple, language: str) -> bytes:
    """A spreadsheet: the title, the demo line, a bold header row and the rows (numbers stay numbers)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\/*?:\[\]]", " ", title)[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([DEMO_LINE[language]])
    sheet.append([])
    sheet.append(list(header))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 48
    for column in "BCD":
        sheet.column_dimensions[column].width = 18
    workbook.properties.creator = "Most demo content"
    workbook.properties.language = language
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The library: what each municipality publishes, in the languages it exists in --------

CHARTER_BG = (
    ("Какво обещаваме", "Информационният център приема граждани и фирми всеки работен ден от 8:30 до 17:00. Отговаряме на писмени запитвания до 7 работни дни, а на устни – веднага или в срок, който ви казваме при приемането."),
    ("Как ще ви обслужим", "Обслужваме ви на едно гише: приемаме заявлението, проверяваме документите, изчисляваме таксата и ви казваме кога да дойдете за готовия документ. Можете да платите в брой, с карта или по банков път, в евро."),
    ("Ако не сте доволни", "Можете да подадете сигнал или жалба на гишето, по пощата или по електронна поща. Отговаряме в срок до 14 дни. Ако отговорът не ви удовлетворява, можете да се обърнете към кмета или към омбудсмана."),
)  # fmt: skip
CHARTER_SR = (
    ("Шта обећавамо", "Информациони центар прима грађане и предузећа сваког радног дана од 7:30 до 15:30. На писане захтеве одговарамо у року од 8 радних дана, а на усмене одмах или у року који вам кажемо при пријему."),
    ("Како вас услужујемо", "Услужујемо вас на једном шалтеру: примамо захтев, проверавамо документа, обрачунавамо таксу и кажемо вам када да дођете по готов документ. Плаћање у динарима, готовином, картицом или уплатницом."),
    ("Ако нисте задовољни", "Приговор можете поднети на шалтеру, поштом или електронском поштом. Одговарамо у року од 15 дана. Ако одговор не решава ствар, обратите се председнику градске општине или Заштитнику грађана."),
)  # fmt: skip
CHARTER_EN = {
    "koprivshtitsa": (
        ("What we promise", "The information centre serves residents and businesses every working day from 8:30 to 17:00. We answer written enquiries within 7 working days and spoken ones at once or by a date we give you."),
        ("How we serve you", "One counter does it all: we take your application, check the documents, work out the fee and tell you when your document will be ready. Fees are paid in euro, in cash, by card or by bank transfer."),
        ("If you are not satisfied", "Complain at the counter, by post or by e-mail; we answer within 14 days. If the answer does not settle it, write to the mayor or to the Ombudsman of the Republic of Bulgaria."),
    ),
    "medijana": (
        ("What we promise", "The information centre serves residents and businesses every working day from 7:30 to 15:30. We answer written requests within 8 working days."),
        ("How we serve you", "One counter does it all. Fees are paid in dinars, in cash, by card or with a payment slip."),
        ("If you are not satisfied", "Complain at the counter, by post or by e-mail; we answer within 15 days. You may then turn to the president of the city municipality or to the Protector of Citizens."),
    ),
}  # fmt: skip
STRATEGY_BG = (
    ("Визия до 2030 г.", "Копривщица – жив музеен град, в който хората живеят и работят целогодишно: опазено наследство, устойчив туризъм извън летния сезон, добри връзки със София и Пловдив."),
    ("Приоритет 1: Наследство", "Реставрация на къщите-музеи, достъпни маршрути с описания на четири езика, дигитален каталог на сбирките."),
    ("Приоритет 2: Икономика", "Подкрепа за занаяти, семейни хотели и местни храни; съвместни пакети с партньори от Сърбия по програма Интеррег."),
    ("Приоритет 3: Услуги", "Електронни административни услуги, информационен център с удължено работно време през сезона, по-добър градски транспорт до гарата."),
)  # fmt: skip
STRATEGY_SR = (
    ("Визија до 2030.", "Медијана – део Ниша у коме је лепо живети: уређене месне заједнице, очувано наслеђе Медијане и Ћеле куле, предузетништво које запошљава младе."),
    ("Приоритет 1: Простор", "Обнова улица и тротоара, зелене површине уз Нишаву, приступачни прилази јавним зградама."),
    ("Приоритет 2: Привреда", "Подршка малим и средњим предузећима, сарадња са партнерима из Бугарске, обуке за дигитални маркетинг."),
    ("Приоритет 3: Култура", "Летња сцена Медијане, програми за децу, заштита археолошког локалитета Медијана."),
)  # fmt: skip
BUDGET_HEADER = {
    "bg": ("Раздел", "План 2026 (EUR)", "Отчет 2025 (EUR)", "Изменение"),
    "sr-Cyrl": ("Раздео", "План 2026 (RSD)", "Извршење 2025 (RSD)", "Промена"),
}
BUDGET_ROWS = {
    "bg": (
        ("Данъчни приходи", 612000, 575400), ("Неданъчни приходи (такси, наеми)", 388000, 402150),
        ("Трансфери от държавния бюджет", 2140000, 2036000), ("Средства от ЕС", 905000, 612300),
        ("Общинска администрация", 1120000, 1068400), ("Образование", 1030000, 987000),
        ("Култура и музеи", 610000, 571000), ("Благоустройство и пътища", 1005000, 694500),
    ),
    "sr-Cyrl": (
        ("Порески приходи", 318000000, 296500000), ("Непорески приходи", 74000000, 70210000),
        ("Трансфери од Града Ниша", 512000000, 498000000), ("Донације и пројекти ЕУ", 61000000, 22400000),
        ("Органи градске општине", 402000000, 388700000), ("Месне заједнице", 96000000, 90150000),
        ("Култура и спорт", 118000000, 104300000), ("Путеви и јавне површине", 349000000, 303960000),
    ),
}  # fmt: skip
FORM_ADDRESS_BG = (
    "Долуподписаният/ата: ...................................................., ЕГН ..........................",
    "Настоящ адрес: гр. Копривщица, ул. ....................................... № .......",
    "Моля да ми бъде издадено удостоверение за настоящ адрес.",
    "Прилагам: документ за самоличност (за справка); пълномощно, когато заявлението се подава от друго лице.",
    "Такса: 2,50 EUR, платима на гишето или по банков път.",
    "Дата: ...................            Подпис: ...................",
)  # fmt: skip
FORM_HEIRS_BG = (
    "Заявител: ...................................................., ЕГН ..........................",
    "Моля да ми бъде издадено удостоверение за наследници на: ........................................",
    "починал/а на ................. г. с последен постоянен адрес в гр. Копривщица.",
    "Прилагам: препис-извлечение от акт за смърт; документ за самоличност (за справка).",
    "Такса: 5,00 EUR; срок: 7 дни, бърза услуга (1 ден) – 10,00 EUR.",
    "Дата: ...................            Подпис: ...................",
)  # fmt: skip
FORM_EXTRACT_SR = (
    "Подносилац захтева: ...................................................., ЈМБГ ..........................",
    "Молим да ми се изда извод из матичне књиге (заокружити): рођених / венчаних / умрлих",
    "за лице: ...................................................., рођено ............. у ..................",
    "Сврха: ...................................................",
    "Такса: 440 RSD, уплата на шалтеру или уплатницом. Рок: 3 радна дана.",
    "Датум: ...................            Потпис: ...................",
)  # fmt: skip
EVENTS_HEADER = (
    "Събитие / Догађај / Event",
    "Място / Место / Place",
    "Начало / Почетак / Start",
    "Вход / Улаз / Admission",
)
EVENTS_ROWS = (
    ("Априлски тържества / April Uprising anniversary", "Копривщица", "2026-04-30 19:00 (Europe/Sofia)", "свободен / free"),
    ("Нишвил / Nišville Jazz Festival", "Ниш", "2026-08-13 20:00 (Europe/Belgrade)", "3500 RSD"),
    ("Медијанско лето / Medijana's Summer", "Ниш", "2026-07-03 20:30 (Europe/Belgrade)", "бесплатно / free"),
    ("Зимна приказка / Winter Fairy Tale", "Копривщица", "2026-12-19 11:00 (Europe/Sofia)", "5 EUR"),
)  # fmt: skip
GUIDE_EN = (
    ("Who this is for", "Small firms of Koprivshtitsa and Medijana who want to work with a partner across the border: sell, buy, share a stand at a fair, or apply together for an Interreg project."),
    ("Step 1: find a partner", "Search the joint directory in your own language; filter by sector (NACE), size and the languages a firm speaks. The cooperation board lists offers and requests, translated where the poster asked for it."),
    ("Step 2: check the basics", "Bulgarian firms carry a UIC (EIK) and a VAT number starting BG; Serbian firms a PIB and a registration number (MB). Prices are in euro in Bulgaria and in dinars in Serbia."),
    ("Step 3: ask the information centre", "Both information centres answer in Bulgarian, Serbian and English, and can put you in touch with the other municipality's centre."),
)  # fmt: skip

# slug, municipality (None: joint), kind, language, format, date, title, description (bg, sr, en), content
LIBRARY = [
    ("customer-charter-koprivshtitsa-bg", "koprivshtitsa", "other", "bg", "pdf", (2026, 1, 15), "Харта на клиента на Община Копривщица", CHARTER_BG),
    ("customer-charter-koprivshtitsa-en", "koprivshtitsa", "other", "en", "pdf", (2026, 1, 15), "Customer charter of Koprivshtitsa Municipality", CHARTER_EN["koprivshtitsa"]),
    ("development-plan-koprivshtitsa-2030", "koprivshtitsa", "strategy", "bg", "pdf", (2024, 3, 28), "План за развитие на Община Копривщица до 2030 г. (резюме)", STRATEGY_BG),
    ("budget-summary-koprivshtitsa-2026", "koprivshtitsa", "report", "bg", "xlsx", (2026, 2, 20), "Бюджет 2026 на Община Копривщица – обобщение", "bg"),
    ("form-address-certificate-koprivshtitsa", "koprivshtitsa", "form", "bg", "docx", (2025, 9, 1), "Заявление за удостоверение за настоящ адрес", FORM_ADDRESS_BG),
    ("form-heirs-certificate-koprivshtitsa", "koprivshtitsa", "form", "bg", "odt", (2025, 9, 1), "Заявление за удостоверение за наследници", FORM_HEIRS_BG),
    ("customer-charter-medijana-sr", "medijana", "other", "sr-Cyrl", "pdf", (2026, 1, 20), "Повеља о корисницима услуга Градске општине Медијана", CHARTER_SR),
    ("customer-charter-medijana-en", "medijana", "other", "en", "pdf", (2026, 1, 20), "Customer charter of the City Municipality of Medijana", CHARTER_EN["medijana"]),
    ("development-strategy-medijana-2030", "medijana", "strategy", "sr-Cyrl", "pdf", (2024, 6, 12), "Стратегија развоја Градске општине Медијана до 2030. (сажетак)", STRATEGY_SR),
    ("budget-summary-medijana-2026", "medijana", "report", "sr-Cyrl", "xlsx", (2025, 12, 24), "Буџет Градске општине Медијана за 2026. – преглед", "sr-Cyrl"),
    ("form-register-extract-medijana", "medijana", "form", "sr-Cyrl", "docx", (2025, 10, 6), "Захтев за издавање извода из матичне књиге", FORM_EXTRACT_SR),
    ("form-register-extract-medijana-latin", "medijana", "form", "sr-Latn", "odt", (2025, 10, 6), "Zahtev za izdavanje izvoda iz matične knjige", FORM_EXTRACT_SR),
    ("events-calendar-2026", None, "other", "mul", "xlsx", (2026, 1, 5), "Календар на събитията 2026 / Календар догађаја 2026 / Events calendar 2026", "events"),
    ("cross-border-partner-guide", None, "study", "en", "pdf", (2025, 11, 3), "Finding a partner across the border: a guide for small firms", GUIDE_EN),
]  # fmt: skip


def library_file(fmt: str, title: str, content, language: str) -> bytes:
    """The bytes of one library entry, in its format."""
    if fmt == "pdf":
        return pdf(title, content, language)
    if fmt == "xlsx":
        if content == "events":
            return xlsx(title[:31], EVENTS_HEADER, EVENTS_ROWS, language)
        header, rows = BUDGET_HEADER[content], BUDGET_ROWS[content]
        return xlsx(title, header, tuple((*row, row[1] - row[2]) for row in rows), language)
    if language == "sr-Latn":
        content = tuple(to_latin(line) for line in content)
    return (docx if fmt == "docx" else odt)(title, content, language)

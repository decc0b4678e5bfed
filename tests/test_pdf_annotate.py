"""`reportlint annotate report.pdf`: highlights with notes, the other end of a comparison marked,
the input untouched, an annotated copy re-annotated without doubling, and visible when rendered."""
import hashlib
import json
import shutil
import subprocess

import pytest

from conftest import run_cli as run

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")


def _annotations(path):
    """(page, subtype, author, contents, quadpoints) of every annotation in the PDF."""
    from reportlint.emitters.pdf_annotate import _string_value

    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = raw.FPDFPage_GetAnnot(page.raw, k)
                quads = []
                for q in range(raw.FPDFAnnot_CountAttachmentPoints(annot)):
                    points = raw.FS_QUADPOINTSF()
                    raw.FPDFAnnot_GetAttachmentPoints(annot, q, points)
                    quads.append((points.x3, points.y3, points.x2, points.y2))  # bottom-left, top-right
                out.append((index + 1, raw.FPDFAnnot_GetSubtype(annot), _string_value(raw, annot, b"T"),
                            _string_value(raw, annot, b"Contents"), quads))
                raw.FPDFPage_CloseAnnot(annot)
            page.close()
    finally:
        pdf.close()
    return out


def _findings(path):
    out = run("check", "--format", "json", "--today", "2025-06-01", str(path))
    return json.loads(out.stdout)["files"][0]["findings"]


def _inside(box, quad, slack=1.0):
    return (quad[0] - slack <= box[0] and quad[1] - slack <= box[1]
            and box[2] <= quad[2] + slack and box[3] <= quad[3] + slack)


def test_each_finding_is_a_highlight_over_its_evidence_with_its_message(fixtures, tmp_path):
    source = fixtures / "pdf" / "final_2024.pdf"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / "report-审核.pdf"
    out = run("annotate", str(source), "-o", str(target), "--today", "2025-06-01")
    assert out.returncode == 1, out.stderr  # findings at error level: the check's exit status
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    findings = _findings(source)
    marks = _annotations(target)
    assert findings and all(author == "reportlint" for _, _, author, _, _ in marks)
    for f in findings:
        loc = f["location"]
        own = [m for m in marks if m[3].startswith(f"{f['rule']} {f['message']}")]
        assert own, f["rule"]
        page, subtype, _, contents, quads = own[0]
        assert page == loc["page"] and subtype == raw.FPDF_ANNOT_HIGHLIGHT
        assert any(_inside(loc["box"], q) for q in quads), (loc["box"], quads)
        if f["expected"] is not None:
            assert f"应为：{f['expected']}" in contents
    # the other end of a comparison is marked too, naming the finding
    rate = next(f for f in findings if f["rule"] == "PCT005")
    others = [m for m in marks if m[3].startswith("PCT005 对照")]
    assert len(others) == len(rate["related"])
    for related in rate["related"]:
        assert any(_inside(related["location"]["box"], q) for m in others for q in m[4])


def test_annotating_an_annotated_pdf_replaces_reportlints_marks(fixtures, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    run("annotate", str(fixtures / "pdf" / "final_2024.pdf"), "-o", str(first), "--today", "2025-06-01")
    run("annotate", str(first), "-o", str(second), "--today", "2025-06-01")
    assert len(_annotations(first)) == len(_annotations(second)) > 0
    # and the annotated copy reads as the original did
    assert [f["message"] for f in _findings(first)] == [f["message"] for f in _findings(fixtures / "pdf" / "final_2024.pdf")]


def test_a_finding_without_a_place_on_a_page_becomes_a_note_on_page_one(fixtures, tmp_path):
    from reportlint.emitters.pdf_annotate import marks_for
    from reportlint.findings import Finding, Location

    finding = Finding("BUD000", "x", "consistency", "warning", "缺少某表", "", Location(0, 0, 0, 0, 0), expected="有此表")
    (mark,) = marks_for(finding, {})
    assert mark.page == 1 and mark.quads == () and "缺少某表" in mark.text and "应为：有此表" in mark.text


def test_a_figure_wrapped_over_two_lines_gets_one_box_per_line():
    from reportlint.emitters.pdf_annotate import line_boxes
    from reportlint.model import Box

    boxes = (Box(3, 500, 700, 510, 712), Box(3, 510, 700, 520, 712),  # end of one line
             Box(3, 72, 680, 82, 692), Box(3, 82, 680, 92, 692))  # start of the next
    assert line_boxes(boxes) == {3: [(500, 700, 520, 712), (72, 680, 92, 692)]}


def _ppm(path, page, tmp_path, name):
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), str(path), str(tmp_path / name)],
                   check=True)
    data = next(tmp_path.glob(f"{name}*.ppm")).read_bytes()
    parts = data.split(b"\n", 3)  # P6, width height, maxval, pixels
    width, height = map(int, parts[1].split())
    return width, height, parts[3]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_highlights_are_visible_when_the_page_is_rendered(fixtures, tmp_path):
    source = fixtures / "pdf" / "final_2024.pdf"
    target = tmp_path / "annotated.pdf"
    run("annotate", str(source), "-o", str(target), "--today", "2025-06-01")
    finding = next(f for f in _findings(source) if f["rule"] == "PCT005")
    page, (x0, y0, x1, y1) = finding["location"]["page"], finding["location"]["box"]
    width, height, before = _ppm(source, page, tmp_path, "before")
    _, _, after = _ppm(target, page, tmp_path, "after")
    pdf = pdfium.PdfDocument(str(source))
    top = pdf[page - 1].get_cropbox()[3]
    pdf.close()

    def blue(pixels):  # mean blue channel over the evidence box (72 dpi: one pixel per point)
        values = [pixels[(y * width + x) * 3 + 2] for y in range(int(top - y1), int(top - y0))
                  for x in range(int(x0), int(x1))]
        return sum(values) / len(values)

    assert blue(after) < blue(before) - 40  # white paper under a yellow highlight loses its blue

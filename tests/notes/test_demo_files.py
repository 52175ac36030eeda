"""The demo's 2019 note as the municipality opens it: PDF, Word and Excel, and Word and Excel converted
to PDF by LibreOffice. The text of every criterion survives whole: no word broken across lines."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.utils import translation

from helhedsplan.demo import SEED_PLAN_SLUG
from reporting.notes import exports
from reporting.notes.models import StatusNote

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pdf_words(data: bytes) -> str:
    """The PDF's text with every run of white space made one space (line and cell breaks included)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_every_criterion_is_whole(text: str, criteria: list[dict]) -> None:
    for c in criteria:
        title = " ".join(c["title"].split())
        assert title in text, f"{c['code']}: {title!r} is not whole"


def convert(path, outdir, tmp_path) -> bytes:
    profile = tmp_path / "profile"
    subprocess.run(  # noqa: S603 -- fixed arguments, our own files
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return (outdir / (path.stem + ".pdf")).read_bytes()


@pytest.fixture
def demo_note(db):
    call_command("seed_demo", verbosity=0, today="2026-11-23", force=True)
    return StatusNote.objects.select_related("plan").get(plan__slug=SEED_PLAN_SLUG, year=2019)


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui, as .ci/run does",
)
def test_the_demo_2019_note_opens_whole_in_every_format(demo_note, tmp_path):
    with translation.override("da"):
        content = exports.note_content(demo_note)
        criteria = content["figures"]["criteria"]
        assert len(criteria) >= 14
        pdf = exports.note_pdf(exports.note_content(demo_note))
        docx = exports.note_docx(content)
        xlsx = exports.note_xlsx(content)
    assert_every_criterion_is_whole(pdf_words(pdf), criteria)

    (tmp_path / "note.docx").write_bytes(docx)
    (tmp_path / "note.xlsx").write_bytes(xlsx)
    word = pdf_words(convert(tmp_path / "note.docx", tmp_path / "word", tmp_path))
    excel = pdf_words(convert(tmp_path / "note.xlsx", tmp_path / "excel", tmp_path))
    assert_every_criterion_is_whole(word, criteria)
    assert_every_criterion_is_whole(excel, criteria)
    # No heading or column header broken mid-word in Word's narrow columns ("Succeskrite rium").
    for word_of_header in ("Succeskriterium", "Baseline", "Resultat", "Status"):
        assert re.search(rf"\b{word_of_header}\b", word), word_of_header

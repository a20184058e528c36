"""Stamping a PDF with a level's marking (header and footer on every page) and, optionally, a
diagonal watermark naming the recipient, the date and a trace code.

pypdf reads the original and merges, onto every page, an overlay drawn once per page size with
reportlab (the IPAex font embedded), so a 100-page document costs one overlay, not a hundred.
"""

import io
import math
import secrets

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from kimitsu.documents.fonts import register_reportlab_font

MARKING_COLOR = colors.HexColor("#b02a37")
# Crockford's base32 without look-alikes: easy to read aloud and to type back.
TRACE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


class StampError(ValueError):
    """A PDF that cannot be stamped; the message says why, for the user."""


def new_trace_code() -> str:
    raw = "".join(secrets.choice(TRACE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_trace_code(text: str) -> str:
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 8:
        return cleaned
    return f"{cleaned[:4]}-{cleaned[4:]}"


def _overlay(
    width: float, height: float, marking: str, watermark: list[str], footer_note: str
) -> bytes:
    font = register_reportlab_font()
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(width, height))
    c.setFillColor(MARKING_COLOR)
    size = max(8.0, min(12.0, width / 50))
    c.setFont(font, size)
    margin = 8 * mm
    # At the very edge of the page, clear of the document's own header and footer.
    top = height - 5 * mm - size * 0.8
    bottom = 4 * mm
    c.drawRightString(width - margin, top, marking)
    c.drawString(margin, top, marking)
    c.drawRightString(width - margin, bottom, marking)
    if footer_note:
        c.setFont(font, max(6.0, size * 0.7))
        c.setFillColor(colors.HexColor("#555555"))
        c.drawString(margin, bottom, footer_note)
    if watermark:
        c.saveState()
        c.setFillColor(colors.Color(0.69, 0.16, 0.22, alpha=0.16))
        c.translate(width / 2, height / 2)
        c.rotate(math.degrees(math.atan2(height, width)))
        diagonal = math.hypot(width, height)
        longest = max(len(line) for line in watermark)
        wm_size = max(14.0, min(40.0, diagonal * 0.75 / max(longest, 1)))
        c.setFont(font, wm_size)
        total = len(watermark)
        for i, line in enumerate(watermark):
            offset = (total / 2 - i - 0.5) * wm_size * 1.3
            c.drawCentredString(0, offset - wm_size / 3, line)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def read_pdf(data: bytes, *, max_bytes: int) -> PdfReader:
    """Open an uploaded PDF, or raise StampError saying plainly why it cannot be used."""
    if len(data) > max_bytes:
        raise StampError(
            _("The file is %(size).1f MB; the largest accepted is %(limit)d MB.")
            % {"size": len(data) / 1024 / 1024, "limit": max_bytes // (1024 * 1024)}
        )
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise StampError(_("The file is not a PDF."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise StampError(
                _("The PDF is protected by a password (encrypted); remove the protection first.")
            )
        count = len(reader.pages)
    except StampError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise StampError(_("The PDF is damaged and cannot be read.")) from exc
    if count == 0:
        raise StampError(_("The PDF has no pages."))
    return reader


def stamp_pdf(
    data: bytes,
    *,
    marking: str,
    watermark: list[str] | None = None,
    footer_note: str = "",
    max_bytes: int,
) -> tuple[bytes, int]:
    """The stamped PDF and its page count (the same as the original's)."""
    reader = read_pdf(data, max_bytes=max_bytes)
    writer = PdfWriter(clone_from=reader)
    overlays: dict[tuple[float, float], object] = {}
    try:
        for page in writer.pages:
            if page.get("/Rotate", 0):
                page.transfer_rotation_to_content()
            box = page.cropbox  # the visible area (the media box unless cropped)
            key = (round(float(box.width), 2), round(float(box.height), 2))
            if key not in overlays:
                overlay_pdf = PdfReader(
                    io.BytesIO(_overlay(*key, marking, watermark or [], footer_note))
                )
                overlays[key] = overlay_pdf.pages[0]
            overlay = overlays[key]
            left, bottom = float(box.left), float(box.bottom)
            if left or bottom:
                from pypdf import Transformation

                page.merge_transformed_page(
                    overlay, Transformation().translate(left, bottom), over=True
                )
            else:
                page.merge_page(overlay, over=True)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StampError(_("The PDF is damaged and cannot be read.")) from exc
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)

"""Small PDFs made in the tests: a page of Chinese text (written by
:mod:`tests.pdfgen`), encrypted with pypdf when a password is given,
image-only pages (Pillow), and several joined into one."""

from __future__ import annotations

from pathlib import Path

from .pdfgen import write_pdf


def _pypdf():
    import pypdf as module

    return module


def text_pdf(path: Path, lines: list[str], user: str | None = None, owner: str | None = None,
             algorithm: str = "RC4-128") -> Path:
    """A one-page PDF with ``lines`` as text; encrypted when a password is given
    (``owner`` only: opens without a password, permissions restricted)."""
    write_pdf(path, [([(40, 48 + 16 * i, line) for i, line in enumerate(lines)], [])], size=12)
    if user is not None or owner is not None:
        pypdf = _pypdf()
        writer = pypdf.PdfWriter(clone_from=str(path))
        only_print = pypdf.constants.UserAccessPermissions.PRINT  # no copying, no editing
        writer.encrypt(user_password=user or "", owner_password=owner, algorithm=algorithm,
                       permissions_flag=only_print if user is None else pypdf.constants.UserAccessPermissions.all())
        with open(path, "wb") as f:
            writer.write(f)
    return path


def image_page_pdf(path: Path, image) -> Path:
    """A one-page PDF that is only ``image`` (a PIL image): no text layer."""
    image.convert("RGB").save(path, format="PDF", resolution=100)
    return path


def merge(path: Path, *parts: Path) -> Path:
    """The pages of ``parts`` in order, as one PDF."""
    writer = _pypdf().PdfWriter()
    for part in parts:
        writer.append(str(part))
    with open(path, "wb") as f:
        writer.write(f)
    return path

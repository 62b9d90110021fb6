"""Optional OCR of scanned (image-only) PDF pages, with the ``qa[ocr]`` extra.

The engine is RapidOCR on onnxruntime (``pip install 'qa[ocr]'``, i.e.
``rapidocr-onnxruntime``): PP-OCR Chinese/English detection and recognition
models shipped inside the wheel, so nothing is downloaded at run time. It is
loaded once per process, on the first scanned page.

Recognised boxes are put back into lines: boxes whose vertical centres fall
within one line's height are one line, read left to right.

>>> boxes = [([[300, 10], [400, 10], [400, 30], [300, 30]], "31.26", 0.99),
...          ([[10, 12], [200, 12], [200, 32], [10, 32]], "住房公积金", 0.98),
...          ([[10, 50], [200, 50], [200, 70], [10, 70]], "合计", 0.97)]
>>> lines_from_boxes(boxes)
'住房公积金 31.26\\n合计'
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from typing import Any, Sequence

from .errors import QAError

__all__ = ["available", "ocr_image", "lines_from_boxes", "OCRError", "INSTALL_HINT", "ENGINE"]

ENGINE = "rapidocr-onnxruntime"
INSTALL_HINT = "install qa[ocr] to read it by OCR"
MIN_SCORE = 0.5  # recognitions below this confidence are dropped
_lock = threading.Lock()


class OCRError(QAError):
    """The OCR engine failed on an image (not raised when it is merely absent)."""


def available() -> bool:
    """Whether the OCR extra is installed (does not load the models)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@functools.lru_cache(maxsize=2)
def _engine(threads: int):
    from rapidocr_onnxruntime import RapidOCR  # the optional extra

    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, print_verbose=False)


def ocr_image(image: Any, threads: int = 2) -> str:
    """The text of ``image`` (a PIL image), as lines; ``""`` when none is found.

    Raises :class:`OCRError` when the engine is missing or fails.
    """
    import numpy as np

    if not available():
        raise OCRError(f"OCR is not installed; {INSTALL_HINT}")
    try:
        with _lock:  # one recognition at a time: onnxruntime sessions use all the threads given
            result, _ = _engine(threads)(np.asarray(image.convert("RGB")))
    except Exception as e:  # noqa: BLE001 - onnxruntime / OpenCV raise their own types
        raise OCRError(f"OCR failed ({type(e).__name__}: {e})") from e
    return lines_from_boxes(result or [])


def lines_from_boxes(boxes: Sequence[tuple]) -> str:
    """Join recognised ``(box, text, score)`` items into reading-order lines."""
    items = []
    for box, text, score in boxes:
        text = str(text).strip()
        if not text or float(score) < MIN_SCORE:
            continue
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        items.append((min(ys), max(ys), min(xs), text))
    items.sort(key=lambda it: ((it[0] + it[1]) / 2, it[2]))
    lines: list[list[tuple]] = []
    for item in items:
        centre = (item[0] + item[1]) / 2
        if lines:
            top = min(it[0] for it in lines[-1])
            bottom = max(it[1] for it in lines[-1])
            if top <= centre <= bottom:
                lines[-1].append(item)
                continue
        lines.append([item])
    return "\n".join(" ".join(it[3] for it in sorted(line, key=lambda it: it[2])) for line in lines)

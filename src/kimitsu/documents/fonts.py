"""The embedded Japanese font. IPAexGothic (IPA Font License) ships inside the japanize-matplotlib
package from PyPI, so no system font package is needed; PDFs embed it, charts draw with it."""

import functools
from pathlib import Path

import japanize_matplotlib

FONT_NAME = "IPAexGothic"
FONT_PATH = Path(japanize_matplotlib.__file__).parent / "fonts" / "ipaexg.ttf"


@functools.cache
def register_reportlab_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH)))
    return FONT_NAME


@functools.cache
def configure_matplotlib() -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_PATH))
    matplotlib.rcParams["font.family"] = FONT_NAME
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FONT_NAME

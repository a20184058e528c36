"""Charts as PNG bytes with matplotlib, Japanese labels drawn with the embedded font."""

import io

from .fonts import configure_matplotlib


def bar_chart(
    labels,
    values,
    *,
    title: str = "",
    horizontal: bool = False,
    size=(6.0, 3.2),
    color="#0d6efd",
    value_range: tuple | None = None,
) -> bytes:
    """``value_range``: the value axis's (lowest, highest), e.g. (0, 100) for percentages, so
    that a bar's length reads against the whole; by default it fits the values."""
    configure_matplotlib()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=size, dpi=150)
    if horizontal:
        ax.barh(list(labels)[::-1], list(values)[::-1], color=color)
        if value_range:
            ax.set_xlim(*value_range)
    else:
        ax.bar(list(labels), list(values), color=color)
        if value_range:
            ax.set_ylim(*value_range)
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def pie_chart(labels, values, *, title: str = "", size=(4.5, 3.2)) -> bytes:
    configure_matplotlib()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=size, dpi=150)
    ax.pie(
        list(values),
        labels=list(labels),
        autopct="%1.0f%%",
        startangle=90,
        counterclock=False,
        textprops={"fontsize": 8},
    )
    ax.axis("equal")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()

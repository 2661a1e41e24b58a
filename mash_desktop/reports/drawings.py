"""Simple line drawings for the home program handout (our own placeholder illustrations).

One of four poses is chosen from the exercise: standing, lying, on hands and knees, or
seated. They show the starting position at a glance; the text gives the movement.
"""

from __future__ import annotations

from typing import Any

POSES = {
    "lying": ("bridge", "clamshell", "sidelying", "prone", "supine", "knee_to_chest",
              "dead_bug", "bracing", "side_plank", "piriformis", "hamstring", "rotation"),
    "hands_knees": ("cat_camel", "bird_dog"),
    "seated": ("cycling", "sit_to_stand", "seated", "adductor", "hip_ir"),
}


def pose_for(key: str) -> str:
    for pose, words in POSES.items():
        if any(w in key for w in words):
            return pose
    return "standing"


def _rect(x: float, y: float, w: float, h: float, fill: Any, stroke: Any = None, *,
          radius: float = 0) -> Any:
    """A filled rectangle (colours set as attributes: types-reportlab mistypes Rect's **kw)."""
    from reportlab.graphics.shapes import Rect

    r = Rect(x, y, w, h, rx=radius, ry=radius)
    r.fillColor, r.strokeColor = fill, stroke
    return r


def drawing(key: str, width: float = 120, height: float = 90) -> Any:
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib.colors import HexColor

    ink = HexColor("#12355b")
    d = Drawing(width, height)
    d.add(_rect(0, 0, width, height, HexColor("#f7f9fc"), HexColor("#c9d2dd"), radius=6))
    pose = pose_for(key)

    def limb(*pts: float) -> None:
        d.add(PolyLine(list(pts), strokeColor=ink, strokeWidth=3, strokeLineCap=1))

    floor = 14
    d.add(Line(8, floor, width - 8, floor, strokeColor=HexColor("#9aa7b5"), strokeWidth=1))
    if pose == "standing":
        d.add(Circle(60, 74, 7, fillColor=ink, strokeColor=ink))
        limb(60, 66, 60, 40)                  # trunk
        limb(60, 60, 48, 46, 46, 40)          # arm
        limb(60, 60, 74, 50, 84, 52)          # arm to counter
        d.add(_rect(84, floor, 4, 40, HexColor("#9aa7b5")))
        limb(60, 40, 56, floor)               # stance leg
        limb(60, 40, 72, floor + 6)           # moving leg
    elif pose == "lying":
        d.add(Circle(20, floor + 8, 7, fillColor=ink, strokeColor=ink))
        limb(27, floor + 8, 62, floor + 8)    # trunk on the floor
        limb(62, floor + 8, 80, floor + 30, 96, floor + 2)  # bent knee
        limb(40, floor + 8, 46, floor + 2)
    elif pose == "hands_knees":
        d.add(Circle(24, 52, 7, fillColor=ink, strokeColor=ink))
        limb(30, 48, 80, 48)                  # flat back
        limb(34, 48, 34, floor)               # arm
        limb(80, 48, 84, floor + 2, 104, floor + 2)  # knee and shin
    else:  # seated
        d.add(_rect(40, floor, 36, 4, HexColor("#9aa7b5")))
        d.add(_rect(40, floor, 4, 30, HexColor("#9aa7b5")))
        d.add(Circle(52, 72, 7, fillColor=ink, strokeColor=ink))
        limb(52, 64, 52, 40)
        limb(52, 40, 76, 40, 78, floor)
        limb(52, 58, 66, 50)
    d.add(String(width - 6, height - 12, "illustration", fontName="MashSans", fontSize=6,
                 fillColor=HexColor("#9aa7b5"), textAnchor="end"))
    return d

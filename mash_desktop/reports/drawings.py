"""Line drawings for the home program handout: one for every catalog exercise.

Each drawing shows that exercise's own position and movement (a side-lying clamshell is
drawn lying on its side with the top knee opening; a bridge lying on the back with the
hips lifted), in clean vector lines ReportLab draws at any size. Arrows show the
movement; a band or strap is drawn in colour. A clinic may replace any drawing with its
own picture (catalog dialog; stored by services.home_program.set_exercise_image).

The figures are data: a list of primitives per exercise key, in a 120 × 90 box with the
floor at y = 14. ``EXERCISE_DRAWINGS`` must cover every exercise in the catalog (a test
checks it, and that no two drawings are the same).
"""

from __future__ import annotations

import io
from typing import Any

Prim = tuple[Any, ...]
F = 14  # floor

# Lying figures share a head, trunk and resting arm; each exercise adds its legs.
_SUPINE: list[Prim] = [("head", 13, F + 7), ("line", 19, F + 5, 56, F + 5),
                       ("line", 24, F + 5, 46, F + 2)]
_SIDE: list[Prim] = [("head", 15, F + 12), ("line", 22, F + 9, 10, F + 2, 4, F + 9),
                     ("line", 21, F + 9, 56, F + 7), ("line", 30, F + 9, 38, F + 17, 46, F + 11)]
# Face down: the forehead rests on folded forearms (elbow forward on the floor, hands
# back under the head), so it never reads as lying on the back with an arm overhead.
_PRONE: list[Prim] = [("head", 24, F + 9), ("line", 31, F + 6, 60, F + 5),
                      ("line", 31, F + 5, 12, F + 1, 28, F + 1)]

EXERCISE_DRAWINGS: dict[str, list[Prim]] = {
    "sidelying_hip_abduction": _SIDE + [
        ("line", 56, F + 6, 80, F + 4, 104, F + 3),              # bottom leg on the floor
        ("line", 56, F + 8, 80, F + 20, 103, F + 31),            # top leg lifted sideways
        ("arrow", 106, F + 14, 110, F + 30)],
    "standing_hip_abduction": [
        ("chair_side", 80), ("head", 50, 76), ("line", 50, 69, 50, 44),
        ("line", 50, 64, 64, 56, 79, 56), ("line", 50, 64, 40, 50),
        ("line", 50, 44, 47, F), ("line", 50, 44, 66, F + 4),   # leg out to the side
        ("band", 47, F + 6, 65, F + 8), ("arrow", 68, F + 12, 78, F + 16)],
    "bridge": [("head", 13, F + 7), ("line", 19, F + 4, 58, F + 24),   # hips lifted
               ("line", 20, F + 3, 46, F + 1),
               ("line", 58, F + 24, 80, F + 27, 86, F),
               ("arrow", 58, F + 30, 58, F + 44)],
    "clamshell": _SIDE + [
        ("line", 56, F + 6, 78, F + 3, 100, F + 6),              # bottom leg, knee bent
        ("line", 56, F + 8, 76, F + 26, 100, F + 8),             # top knee opens, feet together
        ("band", 77, F + 4, 76, F + 24), ("arrow", 84, F + 24, 88, F + 36)],
    "sit_to_stand": [
        ("chair", 18), ("head", 68, 70), ("line", 47, 40, 64, 63),
        ("line", 47, 40, 66, 35, 64, F), ("line", 62, 59, 80, 51),
        ("arrow", 90, 42, 90, 60)],
    "step_up": [
        ("step", 58, 40, 16), ("head", 55, 82), ("line", 54, 75, 52, 52),
        ("line", 52, 52, 45, 33, 40, F), ("line", 52, 52, 67, 46, 68, F + 16),
        ("line", 54, 71, 48, 56), ("arrow", 84, 48, 84, 66)],
    "prone_hip_extension": _PRONE + [
        ("line", 60, F + 5, 104, F + 3, 106, F),                  # one leg, toes down
        ("line", 60, F + 6, 102, F + 22),                         # the other lifted behind
        ("arrow", 107, F + 16, 110, F + 30)],
    "standing_hip_extension": [
        ("chair_side", 82), ("head", 52, 76), ("line", 52, 69, 52, 44),
        ("line", 52, 64, 66, 57, 81, 57), ("line", 52, 44, 54, F),
        ("line", 52, 44, 36, F + 8),                              # leg back
        ("band", 37, F + 9, 81, F + 3), ("arrow", 32, F + 16, 20, F + 20)],
    "hip_ir_band": [
        ("seat_front", 40, 80, 38), ("head", 60, 78), ("line", 60, 71, 60, 44),
        ("line", 60, 65, 52, 46), ("line", 60, 65, 68, 46),
        ("line", 54, 42, 50, 38, 50, F), ("line", 66, 42, 70, 38, 88, F + 4),  # foot out
        ("band", 87, F + 5, 34, F + 1), ("arrow", 92, F + 8, 104, F + 10)],
    "hip_flexor_stretch": [
        ("line", 22, F + 1, 40, F), ("line", 40, F, 44, 42),     # back knee on the floor
        ("line", 44, 42, 67, 38, 68, F),                           # front foot forward
        ("line", 44, 42, 46, 67), ("head", 47, 74), ("line", 46, 62, 63, 42),
        ("arrow", 48, 32, 60, 32)],
    "piriformis_stretch": _SUPINE + [
        ("line", 56, F + 5, 74, F + 26, 88, F),                   # one foot flat
        ("line", 56, F + 6, 64, F + 22, 80, F + 28)],             # ankle over that knee
    "hamstring_stretch": _SUPINE[:2] + [
        ("line", 56, F + 5, 104, F + 3),
        ("line", 56, F + 6, 74, 74),                               # leg straight up
        ("line", 24, F + 5, 38, F + 28),                           # arm holding the strap
        ("strap", 38, F + 28, 74, 74)],
    "adductor_stretch": [
        ("head", 60, 74), ("line", 60, 67, 60, 30),
        ("line", 56, 28, 34, 32, 57, F + 2), ("line", 64, 28, 86, 32, 63, F + 2),  # soles together
        ("line", 60, 60, 50, 40, 55, F + 6), ("line", 60, 60, 70, 40, 65, F + 6),
        ("arrow", 30, 44, 30, 34), ("arrow", 90, 44, 90, 34)],
    "lumbar_rotation_stretch": [                                   # seen from above
        ("mat",), ("head", 18, 45), ("line", 24, 45, 60, 45),
        ("line", 30, 45, 30, 72), ("line", 30, 45, 30, 18),        # arms out
        ("line", 60, 44, 78, 26, 98, 36), ("line", 60, 46, 82, 30, 102, 40),  # knees to one side
        ("arrow", 86, 52, 90, 38)],
    "cat_camel": [
        ("head", 22, 38), ("line", 28, 42, 32, 48),
        ("line", 32, 48, 44, 58, 57, 61, 70, 58, 80, 48),          # back rounded up
        ("ghost", 32, 48, 56, 41, 80, 48),                          # then let it sag
        ("line", 32, 48, 32, F), ("line", 80, 48, 80, F, 104, F),
        ("arrow", 56, 66, 56, 76)],
    "knee_to_chest": _SUPINE[:2] + [
        ("line", 56, F + 5, 104, F + 3),
        ("line", 56, F + 6, 46, F + 30, 66, F + 26),               # knee pulled to the chest
        ("line", 24, F + 5, 44, F + 28), ("arrow", 60, F + 36, 50, F + 40)],
    "abdominal_bracing": _SUPINE[:2] + [
        ("line", 56, F + 5, 74, F + 26, 88, F),
        ("line", 24, F + 5, 36, F + 16, 44, F + 7),                # hand on the belly
        ("arrow", 44, F + 22, 44, F + 10)],
    "bird_dog": [
        ("head", 24, 56), ("line", 30, 50, 72, 48),                # flat back
        ("line", 32, 48, 32, F), ("line", 30, 50, 6, 52),          # one arm forward
        ("line", 72, 48, 72, F, 96, F), ("line", 72, 49, 112, 54),  # other leg back
        ("arrow", 10, 60, 2, 60), ("arrow", 100, 62, 112, 62)],
    "side_plank_modified": [
        ("line", 20, F, 36, F), ("line", 22, F, 26, 36),           # forearm on the floor
        ("head", 20, 44), ("line", 26, 36, 62, 24),                 # hips lifted
        ("line", 62, 24, 80, F), ("line", 80, F, 100, F + 2),       # knees bent, on the floor
        ("line", 28, 35, 40, 40, 50, 31), ("arrow", 50, 36, 50, 50)],
    "dead_bug": _SUPINE[:2] + [
        ("line", 26, F + 5, 28, 58),                                # arms to the ceiling
        ("line", 56, F + 6, 56, F + 32, 78, F + 32),                # one leg at 90°
        ("line", 56, F + 5, 100, F + 14), ("arrow", 96, F + 24, 108, F + 20)],
    "stationary_cycling": [                                        # bike frame in grey
        ("frame", 36, F + 2, 104, F + 2), ("frame", 56, F + 2, 50, 52),
        ("frame", 56, 30, 90, 58, 98, 60), ("frame", 42, 53, 56, 53),
        ("frame", 90, F + 2, 86, 26), ("wheel", 86, 28, 11), ("wheel", 60, 30, 5),
        ("head", 66, 82), ("line", 49, 56, 62, 76), ("line", 61, 72, 90, 62),
        ("line", 49, 56, 72, 50, 63, 34)],
}


def drawing(key: str, width: float = 120, height: float = 90,
            image: bytes | None = None) -> Any:
    """The exercise's drawing (or the clinic's own image) as a ReportLab flowable."""
    if image:
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image

        try:
            w, h = ImageReader(io.BytesIO(image)).getSize()
            scale = min(width / w, height / h)
            return Image(io.BytesIO(image), width=w * scale, height=h * scale)
        except Exception:  # noqa: BLE001 - a broken clinic image falls back to ours
            pass
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
    from reportlab.lib.colors import HexColor

    ink, band, grey = HexColor("#12355b"), HexColor("#d9822b"), HexColor("#9aa7b5")
    d = Drawing(width, height)
    d.add(_styled(Rect(0, 0, width, height, rx=6, ry=6), strokeColor=HexColor("#c9d2dd"),
                  fillColor=HexColor("#f7f9fc")))
    prims = EXERCISE_DRAWINGS.get(key)
    sx, sy = width / 120, height / 90
    if prims is None:
        return d  # not a home exercise: an empty frame, never a wrong picture

    def pts(vals: tuple[Any, ...]) -> list[float]:
        return [v * (sx if i % 2 == 0 else sy) for i, v in enumerate(vals)]

    if not any(p[0] in ("mat",) for p in prims):
        d.add(Line(6 * sx, F * sy, 114 * sx, F * sy, strokeColor=grey, strokeWidth=1))
    for p in prims:
        op, args = p[0], p[1:]
        if op == "head":
            x, y = pts(args)
            d.add(Circle(x, y, 6 * sx, fillColor=ink, strokeColor=ink))
        elif op == "line":
            d.add(PolyLine(pts(args), strokeColor=ink, strokeWidth=3 * sx, strokeLineCap=1,
                           strokeLineJoin=1))
        elif op == "frame":
            d.add(PolyLine(pts(args), strokeColor=grey, strokeWidth=3 * sx,
                           strokeLineCap=1))
        elif op == "ghost":
            d.add(PolyLine(pts(args), strokeColor=grey, strokeWidth=2 * sx,
                           strokeDashArray=[3, 2]))
        elif op in ("band", "strap"):
            line = PolyLine(pts(args), strokeColor=band, strokeWidth=2.2 * sx)
            d.add(_styled(line, strokeDashArray=[4, 2]) if op == "band" else line)
        elif op == "arrow":
            _arrow(d, pts(args), HexColor("#1b6e35"))
        elif op == "wheel":
            x, y, r = args
            d.add(Circle(x * sx, y * sy, r * sx, fillColor=None, strokeColor=grey,
                         strokeWidth=2))
        elif op in ("chair", "chair_side", "seat_front", "step", "mat"):
            _furniture(d, op, args, sx, sy, grey)
    return d


def _styled(shape: Any, **attrs: Any) -> Any:
    """Set a shape's colours and dashes as attributes (types-reportlab mistypes the
    keyword arguments of Rect and PolyLine)."""
    for name, value in attrs.items():
        setattr(shape, name, value)
    return shape


def _arrow(d: Any, p: list[float], colour: Any) -> None:
    import math

    from reportlab.graphics.shapes import Line, Polygon

    x1, y1, x2, y2 = p
    d.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=1.6))
    a = math.atan2(y2 - y1, x2 - x1)
    size = 5
    left = (x2 - size * math.cos(a - 0.45), y2 - size * math.sin(a - 0.45))
    right = (x2 - size * math.cos(a + 0.45), y2 - size * math.sin(a + 0.45))
    d.add(Polygon([x2, y2, *left, *right], fillColor=colour, strokeColor=colour))


def _furniture(d: Any, op: str, args: tuple[Any, ...], sx: float, sy: float,
               grey: Any) -> None:
    from reportlab.graphics.shapes import Rect

    def rect(x: float, y: float, w: float, h: float) -> None:
        d.add(_styled(Rect(x * sx, y * sy, w * sx, h * sy), fillColor=grey, strokeColor=None))

    if op == "chair":             # side view, seat on the left, facing right
        x = args[0]
        rect(x, 34, 26, 3)
        rect(x, F, 3, 50)
        rect(x + 23, F, 3, 20)
    elif op == "chair_side":      # a chair back to hold on to
        x = args[0]
        rect(x, F, 3, 44)
        rect(x + 12, F, 3, 20)
        rect(x, 34, 15, 3)
    elif op == "seat_front":      # a seat seen from the front
        x1, x2, y = args
        rect(x1, y, x2 - x1, 3)
        rect(x1 + 2, F, 3, y - F)
        rect(x2 - 5, F, 3, y - F)
    elif op == "step":
        x, w, h = args
        d.add(_styled(Rect(x * sx, F * sy, w * sx, h * sy), fillColor=None, strokeColor=grey,
                      strokeWidth=2))
    elif op == "mat":
        d.add(_styled(Rect(6 * sx, 10 * sy, 108 * sx, 70 * sy), fillColor=None,
                      strokeColor=grey, strokeWidth=1, strokeDashArray=[2, 2]))

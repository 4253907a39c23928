#!/usr/bin/env python3
"""Make the media files of the example portfolio in portfolio/media/.

    python scripts/make-example-media.py           # everything
    python scripts/make-example-media.py images    # badges, profile picture, evidence PDF (Python only)
    python scripts/make-example-media.py videos    # video clips with captions

The "images" step needs nothing but Python. The "videos" step needs ffmpeg,
espeak-ng and the DejaVu fonts (Debian/Ubuntu:
`apt-get install ffmpeg espeak-ng fonts-dejavu-core`).

Every file is written from the definitions below and the script may be run
again at any time: no dates or random numbers end up in the files, so with the
same versions of ffmpeg and espeak-ng it gives byte-for-byte the same files.
Each video has a WebVTT captions file whose cues are timed from the length of
each spoken sentence, so captions and speech always match. The script prints
each clip's length for the lessons' `duration` fields.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "portfolio" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# ---------------------------------------------------------------------------
# Videos: one spoken sentence per caption cue, the same words on screen.


@dataclass(frozen=True)
class Line:
    """One sentence of a clip: what is said, and what the captions and screen show."""

    spoken: str
    shown: str = ""  # defaults to the spoken words
    chapter: str = ""  # starts a chapter with this title

    @property
    def text(self) -> str:
        return self.shown or self.spoken


@dataclass(frozen=True)
class Clip:
    name: str
    heading: str
    background: str
    lines: tuple[Line, ...]


CLIPS = (
    Clip(
        name="cell-theory-recap",
        heading="Cell theory in three ideas",
        background="0x1f4e5f",
        lines=(
            Line("Cell theory has three parts.", chapter="Introduction"),
            Line("One. All living things are made of one or more cells.",
                 "1. All living things are made of one or more cells.", chapter="Idea 1: made of cells"),
            Line("Two. The cell is the basic unit of life.", "2. The cell is the basic unit of life.",
                 chapter="Idea 2: the basic unit of life"),
            Line("Three. All cells come from cells that already exist.",
                 "3. All cells come from cells that already exist.", chapter="Idea 3: cells come from cells"),
        ),
    ),
    Clip(
        name="speed-formula",
        heading="Finding speed",
        background="0x3b2f63",
        lines=(
            Line("Speed tells you how far something moves in a certain amount of time.", chapter="What speed is"),
            Line("Speed equals distance divided by time.", "Speed = distance ÷ time", chapter="The formula"),
            Line("A cart that rolls three meters in two seconds has a speed of one point five meters per second.",
                 "A cart that rolls 3 m in 2 s has a speed of 1.5 m/s.", chapter="Worked example"),
        ),
    ),
)

RATE = 22050          # espeak-ng's sample rate
LEAD_IN = 0.4         # silence before the first sentence, seconds
GAP = 0.4             # silence between sentences
TAIL = 0.8            # silence after the last sentence
WIDTH, HEIGHT, FPS = 640, 360, 15


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def speak(text: str, out: Path) -> bytes:
    """The sentence as 16-bit mono PCM frames, without espeak-ng's trailing silence."""
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(out), text], check=True)
    with wave.open(str(out)) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            sys.exit(f"unexpected audio format from espeak-ng: {w.getparams()}")
        frames = w.readframes(w.getnframes())
    # Trim the silence espeak-ng adds at the end, so cues end with the speech.
    samples = memoryview(frames).cast("h")
    end = len(samples)
    while end > 0 and abs(samples[end - 1]) < 200:
        end -= 1
    return frames[: end * 2]


def silence(seconds: float) -> bytes:
    return b"\x00\x00" * round(seconds * RATE)


def make_clip(clip: Clip, out_dir: Path, work: Path, codec: str) -> float:
    """Write <name>.mp4 and <name>.en.vtt; return the clip's length in seconds."""
    audio = bytearray(silence(LEAD_IN))
    cues: list[tuple[float, float, Line]] = []
    for index, line in enumerate(clip.lines):
        if index:
            audio += silence(GAP)
        start = len(audio) / 2 / RATE
        audio += speak(line.spoken, work / f"{clip.name}-{index}.wav")
        cues.append((start, len(audio) / 2 / RATE, line))
    audio += silence(TAIL)
    total = len(audio) / 2 / RATE
    speech = work / f"{clip.name}.wav"
    with wave.open(str(speech), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(audio))

    # Captions: each cue lasts until the next sentence starts (or the clip ends).
    vtt = ["WEBVTT", ""]
    for index, (start, end, line) in enumerate(cues):
        until = cues[index + 1][0] if index + 1 < len(cues) else min(total, end + TAIL)
        vtt += [str(index + 1), f"{vtt_time(start)} --> {vtt_time(until)}", *wrap(line.text, 42), ""]
    (out_dir / f"{clip.name}.en.vtt").write_text("\n".join(vtt), encoding="utf-8")

    # Picture: the heading at the top, the current sentence in the middle.
    bold, regular = FONT_DIR / "DejaVuSans-Bold.ttf", FONT_DIR / "DejaVuSans.ttf"
    filters = [
        f"drawbox=x=0:y=0:w={WIDTH}:h=64:color=black@0.35:t=fill",
        text_filter(work / f"{clip.name}-heading.txt", clip.heading, bold, 28, 18),
    ]
    for index, (start, _end, line) in enumerate(cues):
        until = cues[index + 1][0] if index + 1 < len(cues) else total
        rows = wrap(line.text, 30)
        top = (HEIGHT + 64) // 2 - len(rows) * 40 // 2
        for row_index, row in enumerate(rows):
            filters.append(
                text_filter(work / f"{clip.name}-{index}-{row_index}.txt", row, regular, 30,
                            top + row_index * 40, f"between(t,{start:.3f},{until:.3f})")
            )
    # Chapters (read back by mutagen during `flipfolio videos fetch`).
    starts = [(0.0 if i == 0 else start, line.chapter) for i, (start, _end, line) in enumerate(cues) if line.chapter]
    meta = [";FFMETADATA1", f"title={clip.heading}"]
    for index, (start, title) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else total
        meta += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}", f"END={round(end * 1000)}", f"title={title}"]
    chapters = work / f"{clip.name}.ffmeta"
    chapters.write_text("\n".join(meta) + "\n", encoding="utf-8")

    video_args = (
        ["-c:v", "libx264", "-preset", "medium", "-crf", "30", "-tune", "stillimage", "-threads", "1"]
        if codec == "libx264"
        else ["-c:v", "mpeg4", "-q:v", "8", "-threads", "1"]
    )
    subprocess.run(
        [
            "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"color=c={clip.background}:s={WIDTH}x{HEIGHT}:r={FPS}",
            "-i", str(speech),
            "-i", str(chapters),
            "-map", "0:v", "-map", "1:a",
            "-vf", ",".join(filters),
            "-t", f"{total:.3f}",
            *video_args, "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "48k", "-ac", "1",
            "-map_metadata", "2", "-map_chapters", "2", "-metadata:s:a", "language=eng",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-movflags", "+faststart",
            str(out_dir / f"{clip.name}.mp4"),
        ],
        check=True,
    )
    # Poster: a frame from the second sentence, shown before the student presses play.
    poster_at = cues[1][0] + 0.5 if len(cues) > 1 else total / 2
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-ss", f"{poster_at:.3f}",
         "-i", str(out_dir / f"{clip.name}.mp4"), "-frames:v", "1", "-q:v", "4", "-fflags", "+bitexact",
         str(out_dir / f"{clip.name}.jpg")],
        check=True,
    )
    return total


def text_filter(textfile: Path, text: str, font: Path, size: int, y: int, enable: str = "") -> str:
    # Text goes through a file: no escaping of ':' or ',' in the filter graph.
    textfile.write_text(text, encoding="utf-8")
    parts = [f"drawtext=fontfile={font}", f"textfile={textfile}", "fontcolor=white", f"fontsize={size}",
             "x=(w-text_w)/2", f"y={y}"]
    if enable:
        parts.append(f"enable='{enable}'")
    return ":".join(parts)


def make_videos() -> None:
    missing = [tool for tool in ("ffmpeg", "espeak-ng") if shutil.which(tool) is None]
    if missing or not (FONT_DIR / "DejaVuSans.ttf").is_file():
        sys.exit("the videos step needs ffmpeg, espeak-ng and fonts-dejavu-core "
                 "(apt-get install ffmpeg espeak-ng fonts-dejavu-core)")
    encoders = subprocess.run(["ffmpeg", "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    codec = "libx264" if " libx264 " in encoders else "mpeg4"
    out_dir = MEDIA / "videos"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for clip in CLIPS:
            total = make_clip(clip, out_dir, Path(tmp), codec)
            size = (out_dir / f"{clip.name}.mp4").stat().st_size
            whole = round(total)
            print(f"videos/{clip.name}.mp4: {total:.2f} s (duration: \"{whole // 60}:{whole % 60:02d}\"), "
                  f"{size // 1024} KB, {codec}")


# ---------------------------------------------------------------------------
# Badges: a shape, colours and a small pictogram per credential.


@dataclass(frozen=True)
class Badge:
    id: str
    label: tuple[str, ...]   # one or two short words on the ribbon
    shape: str               # circle, hexagon, shield
    ring: str
    fill: str
    icon: str                # key of ICONS


ICONS = {
    # Pictograms drawn in a 120x120 box centred on (128, 108), in white.
    "play": '<rect x="78" y="68" width="100" height="72" rx="10" fill="none" stroke="#fff" stroke-width="8"/>'
            '<path d="M116 86 L146 104 L116 122 Z" fill="#fff"/>',
    "question": '<path d="M76 70 h104 a10 10 0 0 1 10 10 v44 a10 10 0 0 1 -10 10 h-58 l-22 18 v-18 h-24 '
                'a10 10 0 0 1 -10 -10 v-44 a10 10 0 0 1 10 -10 z" fill="none" stroke="#fff" stroke-width="7"/>'
                '<text x="128" y="121" font-size="48" font-weight="bold" text-anchor="middle" fill="#fff" '
                'font-family="DejaVu Sans, Verdana, sans-serif">?</text>',
    "group": '<circle cx="98" cy="86" r="14" fill="#fff"/><circle cx="158" cy="86" r="14" fill="#fff"/>'
             '<circle cx="128" cy="78" r="16" fill="#fff"/>'
             '<path d="M74 140 a24 24 0 0 1 48 0 z M134 140 a24 24 0 0 1 48 0 z" fill="#fff"/>'
             '<path d="M100 144 a28 28 0 0 1 56 0 z" fill="#fff" stroke="currentColor" stroke-width="3"/>',
    "model": '<line x1="128" y1="72" x2="88" y2="132" stroke="#fff" stroke-width="6"/>'
             '<line x1="128" y1="72" x2="168" y2="132" stroke="#fff" stroke-width="6"/>'
             '<line x1="88" y1="132" x2="168" y2="132" stroke="#fff" stroke-width="6"/>'
             '<circle cx="128" cy="72" r="14" fill="#fff"/><circle cx="88" cy="132" r="14" fill="#fff"/>'
             '<circle cx="168" cy="132" r="14" fill="#fff"/>',
    "captions": '<rect x="74" y="74" width="108" height="68" rx="10" fill="#fff"/>'
                '<text x="128" y="122" font-size="36" font-weight="bold" text-anchor="middle" '
                'font-family="DejaVu Sans, Verdana, sans-serif" fill="currentColor">CC</text>',
    "talk": '<path d="M70 70 h64 a8 8 0 0 1 8 8 v34 a8 8 0 0 1 -8 8 h-40 l-16 14 v-14 h-8 a8 8 0 0 1 -8 -8 '
            'v-34 a8 8 0 0 1 8 -8 z" fill="#fff"/>'
            '<path d="M186 96 h-36 a8 8 0 0 0 -8 8 v30 a8 8 0 0 0 8 8 h28 l16 14 v-14 a8 8 0 0 0 8 -8 '
            'v-30 a8 8 0 0 0 -8 -8 z" fill="none" stroke="#fff" stroke-width="6"/>',
    "home": '<path d="M128 66 L180 108 H166 V146 H90 V108 H76 Z" fill="#fff"/>'
            '<rect x="116" y="118" width="24" height="28" fill="currentColor"/>',
    "steps": '<path d="M76 142 H110 V118 H144 V94 H178 V70" fill="none" stroke="#fff" stroke-width="9" '
             'stroke-linejoin="round"/><circle cx="178" cy="70" r="9" fill="#fff"/>',
    "paths": '<circle cx="104" cy="92" r="26" fill="none" stroke="#fff" stroke-width="7"/>'
             '<circle cx="152" cy="92" r="26" fill="none" stroke="#fff" stroke-width="7"/>'
             '<circle cx="128" cy="130" r="26" fill="none" stroke="#fff" stroke-width="7"/>',
    "handshake": '<circle cx="128" cy="106" r="40" fill="none" stroke="#fff" stroke-width="8"/>'
                 '<path d="M108 106 l14 14 l26 -28" fill="none" stroke="#fff" stroke-width="9" '
                 'stroke-linecap="round" stroke-linejoin="round"/>',
}

BADGES = (
    Badge("flipped-video-design", ("FLIPPED", "VIDEO"), "circle", "#0b5a7a", "#1784b0", "play"),
    Badge("formative-video-questions", ("VIDEO", "QUESTIONS"), "circle", "#7a3b0b", "#c2631b", "question"),
    Badge("group-space-facilitation", ("GROUP", "SPACE"), "circle", "#3d4a10", "#6b7f1f", "group"),
    Badge("ngss-modeling", ("MODELING",), "hexagon", "#164f2c", "#23804a", "model"),
    Badge("accessible-media", ("ACCESSIBLE", "MEDIA"), "shield", "#3a2470", "#5b3fb0", "captions"),
    Badge("student-discourse", ("SCIENCE", "TALK"), "shield", "#6e1a3c", "#a8325e", "talk"),
    Badge("family-communication", ("FAMILY", "PARTNERS"), "shield", "#6b5207", "#b38a10", "home"),
    Badge("flipped-classroom-foundations", ("FLIPPED", "BASICS"), "circle", "#1f3f73", "#2f5fa8", "steps"),
    Badge("udl-science-lessons", ("UDL",), "hexagon", "#0d4f4a", "#16807a", "paths"),
    Badge("restorative-coaching-cycle", ("COACHING",), "hexagon", "#37474f", "#607d8b", "handshake"),
)

SHAPES = {
    "circle": '<circle cx="128" cy="128" r="120" fill="{ring}"/><circle cx="128" cy="128" r="104" fill="{fill}"/>',
    "hexagon": '<path d="M128 6 L234 67 V189 L128 250 L22 189 V67 Z" fill="{ring}"/>'
               '<path d="M128 24 L218 76 V180 L128 232 L38 180 V76 Z" fill="{fill}"/>',
    "shield": '<path d="M128 6 L236 40 V120 C236 186 188 226 128 250 C68 226 20 186 20 120 V40 Z" fill="{ring}"/>'
              '<path d="M128 24 L220 53 V120 C220 176 180 210 128 232 C76 210 36 176 36 120 V53 Z" fill="{fill}"/>',
}


def badge_svg(badge: Badge, title: str) -> str:
    label = badge.label
    top = 156
    size = 19 if max(len(word) for word in label) > 8 else 22
    line_height = size + 6
    text = []
    for index, word in enumerate(label):
        baseline = top + 10 + index * line_height + round(size * 0.85)
        text.append(
            f'<text x="128" y="{baseline}" font-size="{size}" font-weight="bold" text-anchor="middle" '
            f'fill="{badge.ring}" font-family="DejaVu Sans, Verdana, sans-serif" letter-spacing="1">'
            f"{escape(word)}</text>"
        )
    height = len(label) * line_height + 14
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" '
        f'role="img" aria-label="{escape(title)}">\n'
        f"<title>{escape(title)}</title>\n"
        + SHAPES[badge.shape].format(ring=badge.ring, fill=badge.fill) + "\n"
        + f'<g color="{badge.fill}">{ICONS[badge.icon]}</g>\n'
        + f'<rect x="40" y="{top}" width="176" height="{height}" rx="8" fill="#fff"/>\n'
        + "\n".join(text) + "\n</svg>\n"
    )


def make_badges() -> None:
    out_dir = MEDIA / "badges"
    out_dir.mkdir(parents=True, exist_ok=True)
    for badge in BADGES:
        title = " ".join(badge.label).title() + " badge"
        (out_dir / f"{badge.id}.svg").write_text(badge_svg(badge, title), encoding="utf-8")
        print(f"badges/{badge.id}.svg")


# ---------------------------------------------------------------------------
# Profile picture: an illustration (microscope and leaf), not a portrait.

PROFILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320" role="img" aria-label="Illustration of a microscope next to a green leaf">
<title>Illustration of a microscope next to a green leaf</title>
<circle cx="160" cy="160" r="156" fill="#dcecf5"/>
<path d="M210 250 C180 200 196 132 262 104 C282 160 262 226 210 250 Z" fill="#3f9b5a"/>
<path d="M210 250 C224 200 240 160 262 104" fill="none" stroke="#2a6e3e" stroke-width="5"/>
<rect x="70" y="252" width="140" height="18" rx="6" fill="#27445c"/>
<path d="M128 252 C96 240 90 200 112 176" fill="none" stroke="#27445c" stroke-width="18" stroke-linecap="round"/>
<rect x="88" y="200" width="84" height="10" rx="4" fill="#27445c"/>
<g transform="rotate(-25 140 130)">
<rect x="126" y="70" width="30" height="100" rx="6" fill="#3d6786"/>
<rect x="130" y="50" width="22" height="26" rx="4" fill="#27445c"/>
<rect x="132" y="168" width="18" height="22" rx="3" fill="#27445c"/>
</g>
<circle cx="150" cy="205" r="6" fill="#f2b705"/>
</svg>
"""


def make_profile_picture() -> None:
    out_dir = MEDIA / "profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "microscope-and-leaf.svg").write_text(PROFILE_SVG, encoding="utf-8")
    print("profile/microscope-and-leaf.svg")


# ---------------------------------------------------------------------------
# Evidence: an anonymised student lab summary as a one-page PDF.

LAB_SUMMARY = (
    ("title", "Lab summary: Energy in a salt-marsh food web"),
    ("small", "Grade 7 science, Harbor View Middle School. Student name removed; shared with the"),
    ("small", "student's and family's permission."),
    ("gap", ""),
    ("head", "Question"),
    ("text", "Where does the energy in a great blue heron come from, and why are there fewer"),
    ("text", "herons than grass shrimp in the marsh?"),
    ("gap", ""),
    ("head", "My model"),
    ("text", "Cordgrass and algae -> grass shrimp and snails -> killifish -> great blue heron."),
    ("text", "Arrows point the way energy moves: from the food to the animal that eats it."),
    ("text", "Decomposers (bacteria, fiddler crabs) get energy from dead plants and animals"),
    ("text", "at every level."),
    ("gap", ""),
    ("head", "Evidence"),
    ("text", "Our class data card said the cordgrass in one plot stored about 10,000 kcal."),
    ("text", "If about 10% passes to each next level: shrimp and snails get about 1,000 kcal,"),
    ("text", "killifish about 100 kcal and herons only about 10 kcal."),
    ("gap", ""),
    ("head", "Claim and reasoning"),
    ("text", "The heron's energy started as sunlight captured by cordgrass and algae. Most of"),
    ("text", "the energy at each level is used for living (moving, staying warm) or lost as"),
    ("text", "heat, so only a small part is stored in the bodies of the next level. That is why"),
    ("text", "the marsh can feed many shrimp but only a few herons."),
    ("gap", ""),
    ("head", "What I would change in my model"),
    ("text", "Add arrows from every level to the decomposers, and show heat leaving each level."),
)


def pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_evidence() -> None:
    out_dir = MEDIA / "evidence"
    out_dir.mkdir(parents=True, exist_ok=True)
    fonts = {"title": ("F2", 16, 26), "head": ("F2", 12, 18), "text": ("F1", 11, 15), "small": ("F1", 9, 12),
             "gap": ("F1", 11, 8)}
    ops, y = [], 740
    for kind, text in LAB_SUMMARY:
        font, size, step = fonts[kind]
        if text:
            ops.append(f"BT /{font} {size} Tf 60 {y} Td ({pdf_text(text)}) Tj ET")
        y -= step
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + pdf_text(LAB_SUMMARY[0][1]).encode("latin-1") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = out_dir / "salt-marsh-food-web-lab-summary.pdf"
    path.write_bytes(bytes(out))
    print(f"evidence/{path.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", choices=("all", "images", "videos"), default="all")
    step = parser.parse_args().step
    if step in ("all", "images"):
        make_badges()
        make_profile_picture()
        make_evidence()
    if step in ("all", "videos"):
        make_videos()


if __name__ == "__main__":
    main()

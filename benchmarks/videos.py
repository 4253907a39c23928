"""What the cached video layer costs per video in a 1,000-lesson build.

The script takes the synthetic portfolio of `build.py` and makes three sites of it:

- without videos: every lesson's `videos` removed (and the question sets'
  `at` times, which need a video);
- hand-given videos: every video with its title, length, three chapters and
  captions file written in the lesson, nothing in `videos.lock/`;
- cached videos: every video given by its address alone, its title, length,
  three chapters, thumbnail and captions stored in `videos.lock/` as
  `flipfolio videos fetch` stores them.

The last two show the same players, chapters and transcripts; the cached one
adds a thumbnail per video. All three are built (`mkdocs build --strict`,
fresh subprocess, median of `--repeat` runs) in the same run. Two costs per
video are printed:

- the cached video layer (cached minus hand-given): reading `videos.lock/`,
  merging it into the lessons and publishing the thumbnails. Target: under
  1 ms per video.
- the whole video feature (cached minus without videos): players, chapters,
  transcripts on the page and in the search index, for information.

Usage: ``python benchmarks/videos.py [--lessons 1000] [--repeat 3] [--workdir DIR]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build as bench  # noqa: E402  (the generator and the measuring of build.py)
from build import join, split  # noqa: E402

sys.path.insert(0, str(HERE.parent / "plugins"))
from flipfolio.videos.urls import parse_video_url  # noqa: E402

# A 1x1 JPEG: the thumbnails' content does not matter to the build.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c"
    "20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f00000105010101010101"
    "00000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114"
    "328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a63646566"
    "6768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3"
    "d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)


def make_variants(n: int, root: Path) -> tuple[Path, Path, Path, int]:
    """Returns (site without videos, hand-given, cached, number of videos)."""
    shutil.rmtree(root, ignore_errors=True)
    bench.generate(n, root / "gen")
    plain, hand, cached = root / "without-videos", root / "hand-given-videos", root / "cached-videos"
    for site in (plain, hand, cached):
        shutil.copytree(root / "gen" / "flipfolio", site)
    lock = cached / "portfolio" / "videos.lock"
    lock.mkdir()
    # Without videos, a question cannot be at a moment of one (an error): the sets lose their times.
    for qset in (plain / "portfolio" / "questions").glob("*.yml"):
        data = yaml.safe_load(qset.read_text(encoding="utf-8"))
        data["questions"] = [{k: v for k, v in q.items() if k not in ("at", "video")} for q in data["questions"]]
        bench.write_yaml(qset, data)
    videos = 0
    for lesson in sorted((root / "gen" / "flipfolio" / "portfolio" / "lessons").glob("*.md")):
        front, body = split(lesson)
        entries = front.pop("videos", [])
        (plain / "portfolio" / "lessons" / lesson.name).write_text(join(front, body), encoding="utf-8")
        front["videos"], hand_videos = [], []
        for entry in entries:
            key = parse_video_url(entry["url"]).key
            minutes, seconds = (int(p) for p in entry["duration"].split(":"))
            duration = minutes * 60 + seconds
            captions = {}
            vtt = cached / "portfolio" / entry["captions"] if "captions" in entry else None
            if vtt is not None:
                shutil.move(vtt, lock / f"{key}.en.vtt")
                captions = {"en": {"file": f"{key}.en.vtt", "kind": "manual"}}
            (lock / f"{key}.jpg").write_bytes(JPEG)
            record = {
                "title": entry["title"], "duration": duration, "uploader": "Benchmark Channel",
                "description": "", "thumbnail": f"{key}.jpg", "captions": captions,
                "chapters": [{"start": duration * k // 3, "end": duration * (k + 1) // 3, "title": f"Part {k + 1}"}
                             for k in range(3)],
                "extractor": "Youtube" if "youtube" in key else "Vimeo", "id": key.split("-", 1)[1],
                "webpage_url": entry["url"], "version": 1, "source": entry["url"], "tool": "benchmark",
                "fetched": "2026-11-01",
            }
            (lock / f"{key}.json").write_text(json.dumps(record), encoding="utf-8")
            hand_videos.append({**entry, "chapters": [{"at": c["start"], "title": c["title"]} for c in record["chapters"]]})
            front["videos"].append(entry["url"] if captions else
                                   {"url": entry["url"], "no_captions_reason": entry["no_captions_reason"]})
            videos += 1
        (cached / "portfolio" / "lessons" / lesson.name).write_text(join(front, body), encoding="utf-8")
        (hand / "portfolio" / "lessons" / lesson.name).write_text(join({**front, "videos": hand_videos}, body),
                                                                  encoding="utf-8")
    return plain, hand, cached, videos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / ".work" / "videos")
    args = parser.parse_args()

    plain, hand, cached, videos = make_variants(args.lessons, args.workdir)
    print(f"{args.lessons} lessons, {videos} videos; {args.repeat} build(s) of each site, median")
    rows = []
    for name, site in (("without videos", plain), ("hand-given videos", hand), ("cached videos", cached)):
        seconds, mib = bench.measure(site, args.repeat, strict=True, keep=False)
        rows.append((name, seconds, mib))
        print(f"  {name}: {seconds:.2f} s, {mib:.0f} MiB")
    layer_ms = (rows[2][1] - rows[1][1]) * 1000
    feature_ms = (rows[2][1] - rows[0][1]) * 1000
    per_video = layer_ms / videos
    print()
    print(bench.table([[name, f"{seconds:.2f}", f"{mib:.0f}"] for name, seconds, mib in rows],
                      head=["Site", "Build time (s)", "Peak MiB"]))
    print()
    print(f"Cached video layer: {layer_ms:.0f} ms for {videos} videos = {per_video:.2f} ms per video")
    print(f"Whole video feature (players, chapters, transcripts, search): {feature_ms / videos:.2f} ms per video")
    print(f"{'PASS' if per_video < 1 else 'FAIL'}: the cached video layer adds under 1 ms per video "
          f"to a {args.lessons:,}-lesson build")


if __name__ == "__main__":
    main()

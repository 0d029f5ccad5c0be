#!/usr/bin/env bash
# Builds the demo dispatch's video: a title card drawn with ffmpeg and the article's own text read
# by espeak-ng, as WebM (VP9 at one frame a second, Opus speech at 10 kbit/s), about 280 KB.
#
#   apt-get install espeak-ng sox ffmpeg fonts-dejavu-core && scripts/make_demo_media.sh
#
# The clip is part of worldbrief and shares its licence (AGPL-3.0-or-later).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
article="$root/src/worldbrief/demo/articles/a-2011-12-zhanaozen-oil-unrest.md"
out="$root/src/worldbrief/web/static/demo/zhanaozen-oil-unrest.webm"
fonts=/usr/share/fonts/truetype/dejavu
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The transcript is the article body: everything after the front matter.
awk '/^---$/ { fences++; next } fences >= 2 { print }' "$article" >"$work/body.txt"
espeak-ng -v en-us+f3 -s 165 -f "$work/body.txt" -w "$work/speech.wav"
sox "$work/speech.wav" -r 16000 "$work/speech16.wav" norm -1
seconds="$(soxi -D "$work/speech16.wav")"

# drawtext reads each line from a file, so quotes in the text need no escaping.
printf 'DISPATCH' >"$work/kicker"
printf "Unrest in Kazakhstan's" >"$work/title1"
printf 'Western Oil Towns' >"$work/title2"
printf 'Dana Whitfield, Eurasia Analyst' >"$work/byline"
printf 'Zhanaozen, Mangistau Region  |  December 20, 2011' >"$work/place"
printf 'worldbrief' >"$work/brand"
printf 'Synthesised voice. Transcript below the player.' >"$work/note"
text() {  # text FILE X Y SIZE COLOUR FONT
  printf 'drawtext=fontfile=%s:textfile=%s:x=%s:y=%s:fontsize=%s:fontcolor=%s' \
    "$fonts/$6" "$work/$1" "$2" "$3" "$4" "$5"
}
card="drawbox=x=0:y=0:w=640:h=8:color=0xa3122a:t=fill"
card+=",$(text kicker 48 56 16 0xe0485c DejaVuSans-Bold.ttf)"
card+=",$(text title1 48 96 36 white DejaVuSerif-Bold.ttf)"
card+=",$(text title2 48 144 36 white DejaVuSerif-Bold.ttf)"
card+=",drawbox=x=48:y=206:w=64:h=3:color=0xa3122a:t=fill"
card+=",$(text byline 48 226 20 0xece9e2 DejaVuSans.ttf)"
card+=",$(text place 48 260 16 0xa9a59d DejaVuSans.ttf)"
card+=",$(text brand 48 316 16 0xece9e2 DejaVuSans-Bold.ttf)"
card+=",$(text note w-tw-48 318 12 0xa9a59d DejaVuSans.ttf)"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "color=c=0x17191d:s=640x360:d=1" \
  -frames:v 1 -vf "$card" "$work/card.png"

mkdir -p "$(dirname "$out")"
ffmpeg -hide_banner -loglevel error -y \
  -framerate 1 -loop 1 -t "$seconds" -i "$work/card.png" -i "$work/speech16.wav" \
  -map 0:v -map 1:a -t "$seconds" \
  -c:v libvpx-vp9 -b:v 0 -crf 50 -g 30 -pix_fmt yuv420p -row-mt 1 \
  -c:a libopus -b:a 10k -ac 1 -application voip \
  -metadata title="Unrest in Kazakhstan's Western Oil Towns (worldbrief demo dispatch)" \
  -metadata copyright="worldbrief contributors, AGPL-3.0-or-later" \
  "$out"
ls -l "$out"

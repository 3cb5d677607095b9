#!/usr/bin/env bash
# Writes the seed corpus derived from the seed dossier in content/ into Fuzz/corpus/<target>/ (the hand-written
# seeds there, named hand-*, are kept). Run from the repository root after content/ changes; the result is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=Fuzz/corpus
mkdir -p "$corpus/front-matter" "$corpus/article" "$corpus/build"
find "$corpus" -type f ! -name 'hand-*' -delete

# front-matter: the first byte picks the kind (FuzzEntry.frontMatter: '0' articles, '1' actors, '2' locations,
# '3' propositions, '4' claims, '5' dossier.yaml), the rest is the file.
seed() { { printf '%s' "$1"; cat "$2"; } > "$corpus/front-matter/$3"; }
seed 0 content/articles/menafn-2023-11-22-stoltenberg-north-macedonia.md article-menafn
for id in stoltenberg nato kovacevski; do seed 1 "content/actors/$id.md" "actor-$id"; done
for id in skopje north-macedonia balkans; do seed 2 "content/locations/$id.md" "location-$id"; done
for id in russia-plans-to-destabilise-balkans putin-war-to-stop-nato-enlargement; do seed 3 "content/propositions/$id.md" "proposition-$id"; done
for id in kovacevski-russian-influence-exists stoltenberg-no-imminent-military-threat zelensky-russia-plans-to-invade-baltic-states; do
    seed 4 "content/claims/$id.md" "claim-$id"
done
seed 5 content/dossier.yaml dossier-yaml

# article: the Markdown bodies of the articles (front matter cut off) and the notes of a claim.
body() { awk 'n >= 2 { print } /^---[ \t]*$/ && n < 2 { n++ }' "$1"; }
for file in content/articles/*.md; do body "$file" > "$corpus/article/$(basename "$file" .md)"; done
body content/claims/stoltenberg-no-imminent-military-threat.md > "$corpus/article/notes-stoltenberg-no-imminent-military-threat"

# build: small dossiers whose references all resolve, each file after a line '%% <path>' (see FuzzBuild).
dossier() {
    local name=$1
    shift
    for path in "$@"; do
        printf '%%%% %s\n' "$path"
        cat "content/$path"
    done > "$corpus/build/$name"
}
dossier must-stop-aggression dossier.yaml articles/mia-2023-11-21-no-imminent-threat.md \
    actors/stoltenberg.md actors/russia.md actors/ukraine.md actors/mia.md actors/nato.md \
    locations/skopje.md locations/north-macedonia.md locations/western-balkans.md locations/balkans.md locations/europe.md \
    claims/stoltenberg-russia-must-stop-aggression.md
dossier diverting-attention dossier.yaml articles/menafn-2023-11-22-stoltenberg-north-macedonia.md \
    actors/zelensky.md actors/russia.md actors/ukraine.md actors/menafn.md locations/kiev.md \
    propositions/russia-stokes-conflict-to-divert-attention-from-ukraine.md claims/zelensky-russia-diverting-attention-from-kiev.md
dossier one-article dossier.yaml articles/unattributed-nato-concerned-separatist-rhetoric.md actors/nato.md actors/stoltenberg.md

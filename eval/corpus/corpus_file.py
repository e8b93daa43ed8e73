# Writes a corpus file as `npm run eval` reads it (scripts/lib/eval-corpus.ts), after checking that every quote is in
# its article and every event named exists. Used by the build-*.py scripts of this folder.
import json


def write_corpus(path, name, description, articles, events, claims, recurring):
    """articles: dicts with id, outlet, title, url, license and paragraphs (joined with a line break);
    events: {id: title}; claims: (article, quote, tags, events); recurring: (article, quote, occurrence, tags)."""
    kept = [dict(id=a["id"], outlet=a["outlet"], title=a["title"], url=a["url"], license=a["license"],
                 text="\n".join(a["paragraphs"])) for a in articles]
    texts = {a["id"]: a["text"] for a in kept}
    for article, quote, occurrence, tags in recurring:
        assert texts[article].count(quote) >= occurrence, quote
    for article, quote, tags, linked in claims:
        assert quote in texts[article], quote
        for event in linked:
            assert event in events, event
    out = dict(
        name=name,
        description=description,
        events=[dict(id=k, title=v) for k, v in events.items()],
        articles=kept,
        annotations=[dict(articleId=a, quote=q, tags=t, events=e) for a, q, t, e in claims]
        + [dict(articleId=a, quote=q, occurrence=n, tags=t, events=[]) for a, q, n, t in recurring],
    )
    with open(path, "w") as file:
        json.dump(out, file, ensure_ascii=False, indent=2)
    print(f"{len(kept)} articles, {len(out['annotations'])} annotations")

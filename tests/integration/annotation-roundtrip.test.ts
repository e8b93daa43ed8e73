import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { snapToGraphemes, splitsSurrogatePair } from "@/lib/anchoring";
import { createAnnotation, getAnnotation } from "@/lib/annotations";
import { getArticle, importArticle } from "@/lib/articles";
import { canonicalizeText } from "@/lib/articles/text";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";
import { unicodeText } from "../support/unicode-text";

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Round trips");
});

/**
 * A non-empty span of `text` from two random numbers: snapped to graphemes as the reader does, or only kept off
 * surrogate halves.
 */
function spanFrom(text: string, [a, b, snap]: [number, number, boolean]) {
  let start = a % text.length;
  let end = start + 1 + (b % (text.length - start));
  if (snap) ({ start, end } = snapToGraphemes(text, start, end));
  if (splitsSurrogatePair(text, start)) start -= 1;
  if (splitsSurrogatePair(text, end)) end += 1;
  return { start, end, exact: text.slice(start, end) };
}

const picks = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 });

it("random spans of random Unicode text come back exactly: import → annotate → reload (1,000 texts)", async () => {
  await fc.assert(
    fc.asyncProperty(unicodeText, picks, async (raw, spans) => {
      const imported = await importArticle(team.editor.actor, team.id, { title: "Round trip", text: raw });
      expect(imported.text).toBe(canonicalizeText(raw));
      const { text } = await getArticle(team.reviewer.actor, imported.id);
      for (const pick of spans) {
        const span = spanFrom(text, pick);
        const created = await createAnnotation(team.reviewer.actor, imported.id, { ...span, tags: [] });
        const reloaded = await getAnnotation(team.reviewer.actor, created.id);
        expect({ start: reloaded.start, end: reloaded.end, exact: reloaded.exact }).toEqual(span);
        expect(text.slice(reloaded.start, reloaded.end)).toBe(reloaded.exact);
        expect(text.slice(0, span.start).endsWith(reloaded.prefix)).toBe(true);
        expect(text.slice(span.end).startsWith(reloaded.suffix)).toBe(true);
      }
    }),
    { numRuns: 1000 },
  );
}, 300_000);

it("the same through the HTTP API, where JSON carries the text both ways (100 texts)", async () => {
  await fc.assert(
    fc.asyncProperty(unicodeText, picks, async (raw, spans) => {
      const imported = await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Round trip", text: raw },
      });
      expect(imported.status).toBe(201);
      const text: string = imported.body.text;
      expect(text).toBe(canonicalizeText(raw));
      for (const pick of spans) {
        const span = spanFrom(text, pick);
        const created = await api("POST", `/api/v1/articles/${imported.body.id}/annotations`, {
          token: team.reviewer.token,
          json: { ...span, tags: [] },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const reloaded = await api("GET", `/api/v1/annotations/${created.body.id}`, { token: team.reviewer.token });
        expect({ start: reloaded.body.start, end: reloaded.body.end, exact: reloaded.body.exact }).toEqual(span);
      }
    }),
    { numRuns: 100 },
  );
}, 120_000);

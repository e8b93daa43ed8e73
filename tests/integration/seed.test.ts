import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_ACCOUNTS, DEMO_ARTICLES, DEMO_CLAIMS, DEMO_EVENTS, DEMO_PROJECT, DEMO_SECOND_CODINGS } from "@/lib/demo";
import { SETTLED_NOTE } from "@/lib/review/adjudication";
import { seedDemo } from "@/prisma/seed/demo";
import { api } from "../support/api";
import { countRows } from "../support/factories";

const seedBytes = (file: string) => readFileSync(new URL(`../../prisma/seed/articles/${file}`, import.meta.url));

describe("the demo seed", () => {
  it("holds the demo project, its two articles byte for byte, the codebook and both accounts", async () => {
    const project = await db().project.findUniqueOrThrow({ where: { id: DEMO_PROJECT.id } });
    expect(project.name).toBe("Afghan resistance, summer 2021");

    const unknownOutlet = await db().article.findUniqueOrThrow({
      where: { id: DEMO_ARTICLES[0].id },
      include: { source: true },
    });
    expect(unknownOutlet.title).toBe("Afghans rally behind their forces as the Taliban step up attacks");
    expect(unknownOutlet.source?.name).toBe("Unknown outlet");
    expect(unknownOutlet.publishedAt).toBeNull();
    expect(Buffer.from(unknownOutlet.text, "utf8").equals(seedBytes("000_b5622c5356c6c267.txt"))).toBe(true);

    const westernJournal = await db().article.findUniqueOrThrow({
      where: { id: DEMO_ARTICLES[1].id },
      include: { source: true },
    });
    expect(westernJournal.title).toBe(
      "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory",
    );
    expect(westernJournal.source?.name).toBe("The Western Journal");
    expect(Buffer.from(westernJournal.text, "utf8").equals(seedBytes("001_2efd4ead4b9c702b.txt"))).toBe(true);

    const roles = await db().membership.findMany({ where: { projectId: DEMO_PROJECT.id }, include: { user: true } });
    expect(Object.fromEntries(roles.map((m) => [m.user.email, m.role]))).toEqual({
      "editor@example.org": "EDITOR",
      "reviewer@example.org": "REVIEWER",
    });
    expect(await db().tag.count({ where: { projectId: DEMO_PROJECT.id } })).toBe(33);

    for (const account of DEMO_ACCOUNTS) {
      const response = await api("POST", "/api/v1/tokens", {
        json: { email: account.email, password: "parallax-demo" },
      });
      expect(response.status, account.email).toBe(201);
    }
  });

  it("is idempotent: running it again adds nothing and keeps what users changed", async () => {
    const articleId = DEMO_ARTICLES[0].id;
    const original = await db().article.findUniqueOrThrow({ where: { id: articleId } });
    await db().article.update({ where: { id: articleId }, data: { author: "Edited by a user" } });
    try {
      const before = await countRows();
      expect(await seedDemo()).toEqual([]);
      expect(await seedDemo()).toEqual([]);
      expect(await countRows()).toEqual(before);
      expect((await db().article.findUniqueOrThrow({ where: { id: articleId } })).author).toBe("Edited by a user");
    } finally {
      await db().article.update({ where: { id: articleId }, data: { author: original.author } });
    }
  });
});

describe("the demo comparison", () => {
  it("holds at least 12 claims tagged across all four groups and 4 events, with an omission on each side", async () => {
    const editor = await api("POST", "/api/v1/tokens", {
      json: { email: "editor@example.org", password: "parallax-demo" },
    });
    const token = editor.body.token as string;
    const comparison = await api("GET", `/api/v1/projects/${DEMO_PROJECT.id}/compare`, { token });
    expect(comparison.status).toBe(200);
    const [first, second] = DEMO_ARTICLES.map((article) => article.id);
    expect(comparison.body.articles.map((article: { id: string }) => article.id)).toEqual([first, second]);

    const claims = await db().annotation.findMany({
      where: { id: { in: DEMO_CLAIMS.map((claim) => claim.id) } },
      select: { tags: { select: { tag: { select: { group: { select: { kind: true } } } } } } },
    });
    expect(claims.length).toBeGreaterThanOrEqual(12);
    expect(new Set(claims.flatMap((claim) => claim.tags.map((tag) => tag.tag.group.kind)))).toEqual(
      new Set(["CLAIM_TYPE", "FRAME", "RHETORIC", "VERDICT"]),
    );

    const demoEvents = comparison.body.events.filter((event: { id: string }) =>
      DEMO_EVENTS.some((demo) => demo.id === event.id),
    );
    expect(demoEvents.length).toBeGreaterThanOrEqual(4);
    const omittedBy = (articleId: string) =>
      demoEvents.filter((event: { omittedBy: string[] }) => event.omittedBy.includes(articleId));
    expect(omittedBy(first!).length).toBeGreaterThanOrEqual(1);
    expect(omittedBy(second!).length).toBeGreaterThanOrEqual(1);
    const stances = new Set(
      demoEvents.flatMap((event: { claims: Record<string, { stance: string }[]> }) =>
        Object.values(event.claims)
          .flat()
          .map((claim) => claim.stance),
      ),
    );
    expect(stances.size).toBeGreaterThanOrEqual(3);
    // Offsets were computed from the quotes.
    for (const claim of DEMO_CLAIMS) {
      const stored = await db().annotation.findUniqueOrThrow({
        where: { id: claim.id },
        include: { article: { select: { text: true } } },
      });
      expect(stored.article.text.slice(stored.start, stored.end)).toBe(claim.quote);
    }
  });
});

describe("the demo's second coding", () => {
  it(
    "gives Agreement passages both coders marked, settled " + "so that the comparison counts each passage once",
    async () => {
      const { token } = (
        await api("POST", "/api/v1/tokens", { json: { email: "editor@example.org", password: "parallax-demo" } })
      ).body;
      const users = await db().user.findMany({
        where: { email: { in: ["editor@example.org", "reviewer@example.org"] } },
        select: { id: true, email: true },
      });
      const idOf = (email: string) => users.find((user) => user.email === email)!.id;

      for (const coding of DEMO_SECOND_CODINGS) {
        const own = await db().annotation.findUniqueOrThrow({ where: { id: coding.id } });
        expect(own).toMatchObject({
          authorId: idOf("editor@example.org"),
          status: "REJECTED",
          reviewNote: SETTLED_NOTE,
        });
        const accepted = await db().annotation.findUniqueOrThrow({ where: { id: coding.settles } });
        expect(accepted).toMatchObject({
          authorId: idOf("reviewer@example.org"),
          status: "APPROVED",
          articleId: coding.articleId,
        });
        // The two versions overlap: one passage, coded twice.
        expect(own.start < accepted.end && accepted.start < own.end).toBe(true);
      }

      const coders = `${idOf("editor@example.org")},${idOf("reviewer@example.org")}`;
      const agreement = await api(
        "GET",
        `/api/v1/projects/${DEMO_PROJECT.id}/agreement?coders=${coders}&articles=${DEMO_ARTICLES[0].id}`,
        { token },
      );
      expect(agreement.status).toBe(200);
      expect(agreement.body.spans).toEqual({
        matched: DEMO_SECOND_CODINGS.length,
        total: DEMO_CLAIMS.filter((claim) => claim.articleId === DEMO_ARTICLES[0].id).length,
      });
      const verdict = agreement.body.groups.find((group: { group: string }) => group.group === "verdict");
      expect(verdict.units).toBe(DEMO_SECOND_CODINGS.length);
      expect(verdict.observed).toBeLessThan(1);

      const comparison = await api("GET", `/api/v1/projects/${DEMO_PROJECT.id}/compare`, { token });
      expect(comparison.body.articles[0].claimCount).toBe(
        DEMO_CLAIMS.filter((claim) => claim.articleId === DEMO_ARTICLES[0].id).length,
      );
      const quotes = [
        ...comparison.body.events.flatMap(
          (event: { claims: Record<string, { annotationId: string }[]> }) => event.claims[DEMO_ARTICLES[0].id] ?? [],
        ),
        ...comparison.body.unlinked[DEMO_ARTICLES[0].id],
      ];
      expect(
        quotes.some((claim: { annotationId: string }) =>
          DEMO_SECOND_CODINGS.some((coding) => coding.id === claim.annotationId),
        ),
      ).toBe(false);
    },
  );
});

describe("the demo's team work", () => {
  it("has both articles assigned to both coders, annotations waiting for review, and progress to show", async () => {
    const { token } = (
      await api("POST", "/api/v1/tokens", { json: { email: "editor@example.org", password: "parallax-demo" } })
    ).body;
    const assignments = await api("GET", `/api/v1/projects/${DEMO_PROJECT.id}/assignments`, { token });
    expect(assignments.status).toBe(200);
    const states = assignments.body.items.map((item: { article: { id: string }; assignee: { name: string } }) => [
      item.article.id,
      item.assignee.name,
    ]);
    expect(states).toHaveLength(4);
    for (const article of DEMO_ARTICLES)
      for (const coder of DEMO_ACCOUNTS) expect(states).toContainEqual([article.id, coder.name]);

    const queue = await api("GET", `/api/v1/projects/${DEMO_PROJECT.id}/annotations?status=SUBMITTED`, { token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThanOrEqual(2);

    const progress = await api("GET", `/api/v1/projects/${DEMO_PROJECT.id}/progress`, { token });
    expect(progress.status).toBe(200);
    expect(progress.body.overall.total).toBe(4);
    expect(progress.body.overall.counts.done).toBeGreaterThan(0);
    expect(progress.body.waiting.articles.map((article: { id: string }) => article.id)).toEqual([DEMO_ARTICLES[0].id]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { createProjectWithTeam, setPublishing, type TestProject, withoutCodebookRules } from "../support/factories";

let team: TestProject;
let articleId: string;
const TEXT = "One claim. Two claim. Three claim. Four claim.";

async function annotate(quote: string, token = team.reviewer.token) {
  const start = TEXT.indexOf(quote);
  return (
    await api("POST", `/api/v1/articles/${articleId}/annotations`, {
      token,
      json: { start, end: start + quote.length, exact: quote },
    })
  ).body as { id: string; version: number };
}

const patch = (id: string, version: number, json: Record<string, unknown>, token: string) =>
  api("PATCH", `/api/v1/annotations/${id}`, { token, json, headers: { "if-match": `"${version}"` } });

beforeAll(async () => {
  team = await createProjectWithTeam("Review");
  await withoutCodebookRules(team);
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "t", text: TEXT },
    })
  ).body.id;
});

describe("review workflow", () => {
  it("the author submits; an editor approves or rejects with a reason; others may not", async () => {
    const one = await annotate("One claim");
    const submitted = await patch(one.id, one.version, { status: "SUBMITTED" }, team.reviewer.token);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("SUBMITTED");
    expect((await patch(one.id, submitted.body.version, { status: "APPROVED" }, team.reviewer.token)).status).toBe(403);
    expect((await patch(one.id, submitted.body.version, { status: "REJECTED" }, team.editor.token)).status).toBe(422);
    const rejected = await patch(
      one.id,
      submitted.body.version,
      { status: "REJECTED", reviewNote: "Not a claim: a headline." },
      team.editor.token,
    );
    expect(rejected.body).toMatchObject({ status: "REJECTED", reviewNote: "Not a claim: a headline." });
    const approved = await patch(one.id, rejected.body.version, { status: "APPROVED" }, team.editor.token);
    expect(approved.body).toMatchObject({ status: "APPROVED", reviewNote: null });
    const editors = await annotate("Four claim", team.editor.token);
    expect((await patch(editors.id, editors.version, { status: "SUBMITTED" }, team.reviewer.token)).status).toBe(404);
    expect((await patch(one.id, approved.body.version, { status: "DRAFT" }, team.viewer.token)).status).toBe(403);
  });

  it("submits all of one's drafts on an article at once, and filters by status", async () => {
    await annotate("Two claim");
    await annotate("Three claim");
    const response = await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, {
      token: team.reviewer.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.submitted).toBe(2);
    expect(
      (await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, { token: team.viewer.token })).status,
    ).toBe(403);
    const submitted = await api("GET", `/api/v1/articles/${articleId}/annotations?status=SUBMITTED`, {
      token: team.editor.token,
    });
    expect(submitted.body.items.map((annotation: { exact: string }) => annotation.exact)).toEqual([
      "Two claim",
      "Three claim",
    ]);
    // Blind coding: a reviewer sees the approved annotations of others, not their drafts.
    const other = await api("GET", `/api/v1/articles/${articleId}/annotations`, { token: team.reviewer.token });
    expect(other.body.items.map((annotation: { exact: string }) => annotation.exact)).toEqual([
      "One claim",
      "Two claim",
      "Three claim",
    ]);
  });
});

describe("blind coding setting", () => {
  it("is on by default; an editor lets reviewers see each other's work, and only an editor may", async () => {
    const project = await createProjectWithTeam("Blind");
    const article = (
      await api("POST", `/api/v1/projects/${project.id}/articles`, {
        token: project.editor.token,
        json: { title: "t", text: "Shared text." },
      })
    ).body;
    await api("POST", `/api/v1/articles/${article.id}/annotations`, {
      token: project.editor.token,
      json: { start: 0, end: 6, exact: "Shared" },
    });
    const seen = async () =>
      (await api("GET", `/api/v1/articles/${article.id}/annotations`, { token: project.reviewer.token })).body.items
        .length;
    expect(
      (await api("GET", `/api/v1/projects/${project.id}`, { token: project.reviewer.token })).body
        .reviewersSeeEachOther,
    ).toBe(false);
    expect(await seen()).toBe(0);
    expect(
      (
        await api("PATCH", `/api/v1/projects/${project.id}`, {
          token: project.reviewer.token,
          json: { reviewersSeeEachOther: true },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("PATCH", `/api/v1/projects/${project.id}`, {
          token: project.editor.token,
          json: { reviewersSeeEachOther: "yes" },
        })
      ).status,
    ).toBe(400);
    const changed = await api("PATCH", `/api/v1/projects/${project.id}`, {
      token: project.editor.token,
      json: { reviewersSeeEachOther: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ reviewersSeeEachOther: true, role: "EDITOR" });
    expect(await seen()).toBe(1);
  });
});

describe("counts under blind coding", () => {
  it(
    "an article's annotation count and an event's link " + "count are what the caller may see, for every role",
    async () => {
      const project = await createProjectWithTeam("Blind counts");
      const article = (
        await api("POST", `/api/v1/projects/${project.id}/articles`, {
          token: project.editor.token,
          json: { title: "t", text: "Shared text. Own text." },
        })
      ).body;
      const event = (
        await api("POST", `/api/v1/projects/${project.id}/events`, {
          token: project.editor.token,
          json: { title: "Something happened" },
        })
      ).body;
      const annotateAndLink = async (token: string, exact: string) => {
        const start = "Shared text. Own text.".indexOf(exact);
        const annotation = (
          await api("POST", `/api/v1/articles/${article.id}/annotations`, {
            token,
            json: { start, end: start + exact.length, exact },
          })
        ).body;
        expect(
          (
            await api("POST", `/api/v1/events/${event.id}/links`, {
              token,
              json: { annotationId: annotation.id, stance: "ASSERTS" },
            })
          ).status,
        ).toBe(201);
      };
      await annotateAndLink(project.editor.token, "Shared text.");
      await annotateAndLink(project.reviewer.token, "Own text.");
      const counts = async (token: string) => ({
        listed: (await api("GET", `/api/v1/projects/${project.id}/articles`, { token })).body.items[0].annotationCount,
        article: (await api("GET", `/api/v1/articles/${article.id}`, { token })).body.annotationCount,
        events: (await api("GET", `/api/v1/projects/${project.id}/events`, { token })).body.items[0].linkCount,
        event: (await api("GET", `/api/v1/events/${event.id}`, { token })).body.linkCount,
      });
      // The editor's draft is hidden from the reviewer coding blind, in the counts as in the lists.
      expect(await counts(project.reviewer.token)).toEqual({ listed: 1, article: 1, events: 1, event: 1 });
      expect(await counts(project.editor.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
      expect(await counts(project.viewer.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
      await api("PATCH", `/api/v1/projects/${project.id}`, {
        token: project.editor.token,
        json: { reviewersSeeEachOther: true },
      });
      expect(await counts(project.reviewer.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
    },
  );
});

describe("published verdicts change only through review", () => {
  const CLAIMS =
    "The dam was repaired. The road was closed. The bridge fell. The school reopened. The market burned. The well " +
    "ran " +
    "dry.";
  let project: TestProject;
  let article: string;

  beforeAll(async () => {
    project = await createProjectWithTeam("Verdicts");
    await withoutCodebookRules(project);
    await setPublishing(project.id, project.editor);
    article = (
      await api("POST", `/api/v1/projects/${project.id}/articles`, {
        token: project.editor.token,
        json: { title: "Claims", text: CLAIMS },
      })
    ).body.id;
  });

  /** A reviewer's annotation of `quote`, submitted and approved by the editor. */
  async function approvedClaim(quote: string, tags: string[] = ["accurate"]) {
    const start = CLAIMS.indexOf(quote);
    const created = await api("POST", `/api/v1/articles/${article}/annotations`, {
      token: project.reviewer.token,
      json: { start, end: start + quote.length, exact: quote, tags, note: "Checked." },
    });
    const submitted = await patch(
      created.body.id,
      created.body.version,
      { status: "SUBMITTED" },
      project.reviewer.token,
    );
    const approved = await patch(created.body.id, submitted.body.version, { status: "APPROVED" }, project.editor.token);
    expect(approved.body.status).toBe("APPROVED");
    return approved.body as { id: string; version: number; start: number; end: number; exact: string };
  }

  const current = async (id: string) =>
    (await api("GET", `/api/v1/annotations/${id}`, { token: project.editor.token })).body;
  const history = async (id: string) =>
    (await api("GET", `/api/v1/projects/${project.id}/audit?entity=${id}`, { token: project.editor.token })).body
      .items as any[];
  const published = async () =>
    (
      (await api("GET", `/api/v1/projects/${project.id}/export?format=claimreview`, { token: project.editor.token }))
        .body["@graph"] as any[]
    ).map((review) => [review.claimReviewed, review.reviewRating.ratingValue]);

  it(
    "an author's change to an approved annotation's tags, note or span sends it back for review, and the history " +
      "says so",
    async () => {
      const dam = await approvedClaim("The dam was repaired.");
      expect(await published()).toContainEqual(["The dam was repaired.", 5]);
      const retagged = await patch(dam.id, dam.version, { tags: ["false"] }, project.reviewer.token);
      expect(retagged.status).toBe(200);
      expect(retagged.body).toMatchObject({ status: "SUBMITTED", reviewNote: null, tags: [{ name: "false" }] });
      // The verdict is not published until an editor approves the changed version.
      expect((await published()).map(([claim]) => claim)).not.toContain("The dam was repaired.");
      const [entry] = await history(dam.id);
      expect(entry).toMatchObject({
        action: "annotation.update",
        actor: { id: project.reviewer.id },
        before: { status: "APPROVED", tags: ["accurate"] },
        after: { status: "SUBMITTED", tags: ["false"] },
      });

      const road = await approvedClaim("The road was closed.");
      expect(
        (await patch(road.id, road.version, { note: "Actually it was open." }, project.reviewer.token)).body.status,
      ).toBe("SUBMITTED");
      const bridge = await approvedClaim("The bridge fell.");
      const moved = "The bridge";
      expect(
        (
          await patch(
            bridge.id,
            bridge.version,
            { start: CLAIMS.indexOf(moved), end: CLAIMS.indexOf(moved) + moved.length, exact: moved },
            project.reviewer.token,
          )
        ).body.status,
      ).toBe("SUBMITTED");

      // Sending what it already holds changes nothing, and keeps the approval.
      const school = await approvedClaim("The school reopened.");
      const same = await patch(
        school.id,
        school.version,
        { tags: ["accurate"], note: "Checked." },
        project.reviewer.token,
      );
      expect(same.body.status).toBe("APPROVED");
    },
  );

  it("an author cannot move a reviewed annotation back to draft; resubmitting a rejected one is allowed", async () => {
    const approved = await approvedClaim("The market burned.");
    const refused = await patch(approved.id, approved.version, { status: "DRAFT" }, project.reviewer.token);
    expect(refused.status).toBe(403);
    expect(await current(approved.id)).toMatchObject({ status: "APPROVED", version: approved.version });

    const rejected = await patch(
      approved.id,
      approved.version,
      { status: "REJECTED", reviewNote: "Not what the text says." },
      project.editor.token,
    );
    expect((await patch(approved.id, rejected.body.version, { status: "DRAFT" }, project.reviewer.token)).status).toBe(
      403,
    );
    expect(await current(approved.id)).toMatchObject({
      status: "REJECTED",
      reviewNote: "Not what the text says.",
      version: rejected.body.version,
    });
    const resubmitted = await patch(
      approved.id,
      rejected.body.version,
      { status: "SUBMITTED" },
      project.reviewer.token,
    );
    expect(resubmitted.body).toMatchObject({ status: "SUBMITTED", reviewNote: null });
    // An editor may still move it anywhere.
    expect(
      (await patch(approved.id, resubmitted.body.version, { status: "DRAFT" }, project.editor.token)).body.status,
    ).toBe("DRAFT");
  });

  it("only an editor deletes an approved annotation: its author cannot withdraw a published verdict", async () => {
    const claim = await approvedClaim("The well ran dry.");
    const remove = (version: number, token: string) =>
      api("DELETE", `/api/v1/annotations/${claim.id}`, { token, headers: { "if-match": `"${version}"` } });
    const refused = await remove(claim.version, project.reviewer.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/only an editor may delete it/);
    expect(await published()).toContainEqual(["The well ran dry.", 5]);
    expect((await remove(claim.version, project.editor.token)).status).toBe(204);
    expect((await published()).map(([quote]) => quote)).not.toContain("The well ran dry.");
  });

  it(
    "an editor's change sends an approved annotation back for review too, unless the editor approves the changed " +
      "version in the same request",
    async () => {
      const claim = await approvedClaim("The dam was repaired.", ["misleading"]);
      const edited = await patch(claim.id, claim.version, { note: "Partly repaired." }, project.editor.token);
      expect(edited.body.status).toBe("SUBMITTED");
      const approvedAgain = await patch(claim.id, edited.body.version, { status: "APPROVED" }, project.editor.token);
      const kept = await patch(
        claim.id,
        approvedAgain.body.version,
        { tags: ["accurate"], status: "APPROVED" },
        project.editor.token,
      );
      expect(kept.status).toBe(200);
      expect(kept.body).toMatchObject({ status: "APPROVED", tags: [{ name: "accurate" }] });
      // Approving is the editor's: an author cannot keep the approval that way.
      expect(
        (await patch(claim.id, kept.body.version, { tags: ["false"], status: "APPROVED" }, project.reviewer.token))
          .status,
      ).toBe(403);
      expect(await current(claim.id)).toMatchObject({ status: "APPROVED", version: kept.body.version });
    },
  );

  it(
    "a reviewer's new, changed or removed link of an approved claim sends it back for review; an editor's does " +
      "not",
    async () => {
      const event = (
        await api("POST", `/api/v1/projects/${project.id}/events`, {
          token: project.editor.token,
          json: { title: "Flood in the valley" },
        })
      ).body;
      const link = (annotationId: string, token: string) =>
        api("POST", `/api/v1/events/${event.id}/links`, { token, json: { annotationId, stance: "ASSERTS" } });

      const linked = await approvedClaim("The road was closed.");
      const created = await link(linked.id, project.reviewer.token);
      expect(created.status).toBe(201);
      expect(await current(linked.id)).toMatchObject({ status: "SUBMITTED", version: linked.version + 1 });
      expect((await history(linked.id))[0]).toMatchObject({
        action: "annotation.reopen",
        actor: { id: project.reviewer.id },
        before: { status: "APPROVED" },
        after: { status: "SUBMITTED" },
      });

      const approveAgain = async (id: string) =>
        patch(id, (await current(id)).version, { status: "APPROVED" }, project.editor.token);
      await approveAgain(linked.id);
      expect(
        (
          await api("PATCH", `/api/v1/links/${created.body.id}`, {
            token: project.reviewer.token,
            json: { stance: "DISPUTES" },
          })
        ).status,
      ).toBe(200);
      expect((await current(linked.id)).status).toBe("SUBMITTED");
      await approveAgain(linked.id);
      expect((await api("DELETE", `/api/v1/links/${created.body.id}`, { token: project.reviewer.token })).status).toBe(
        204,
      );
      expect((await current(linked.id)).status).toBe("SUBMITTED");

      // The editor's own link work keeps the approval.
      const approved = await approveAgain(linked.id);
      const editors = await link(linked.id, project.editor.token);
      expect(editors.status).toBe(201);
      expect(
        (
          await api("PATCH", `/api/v1/links/${editors.body.id}`, {
            token: project.editor.token,
            json: { stance: "QUALIFIES" },
          })
        ).status,
      ).toBe(200);
      expect(await current(linked.id)).toMatchObject({ status: "APPROVED", version: approved.body.version });
    },
  );
});

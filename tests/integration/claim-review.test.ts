import { beforeAll, describe, expect, it } from "vitest";
import { api, errorCode } from "../support/api";
import { claimReviewProblems } from "../support/claim-review-fields";
import {
  countRows,
  createProjectWithTeam,
  setPublishing,
  TEST_PUBLISHING,
  type TestProject,
  withoutCodebookRules,
} from "../support/factories";

let team: TestProject;
let articleId: string;
const TEXT =
  "The minister said 40 villages were retaken. Aid workers counted 12 schools. Officials said all is calm. " +
  "Nobody was hurt, the army said. Prices fell by half.";

const patchProject = (json: unknown, token = team.editor.token) =>
  api("PATCH", `/api/v1/projects/${team.id}`, { token, json });
const exportReviews = () =>
  api("GET", `/api/v1/projects/${team.id}/export?format=claimreview`, { token: team.viewer.token });
const leftOut = () => api("GET", `/api/v1/projects/${team.id}/export/unpublishable`, { token: team.viewer.token });

/** An editor's annotation of `quote`, approved unless `approve` is false; its current view. */
async function claim(quote: string, tags: string[], approve = true) {
  const start = TEXT.indexOf(quote);
  const created = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token: team.editor.token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(created.status).toBe(201);
  if (!approve) return created.body;
  const approved = await api("PATCH", `/api/v1/annotations/${created.body.id}`, {
    token: team.editor.token,
    json: { status: "APPROVED" },
    headers: { "if-match": `"${created.body.version}"` },
  });
  expect(approved.status).toBe(200);
  return approved.body;
}

beforeAll(async () => {
  team = await createProjectWithTeam("ClaimReview desk");
  await withoutCodebookRules(team);
  const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: {
      title: "Army retakes villages",
      text: TEXT,
      sourceName: "Asvaka",
      url: "https://asvaka.news/2021/villages",
      author: "Staff",
      publishedAt: "2021-08-20",
    },
  });
  articleId = article.body.id;
  expect(
    (
      await api("PATCH", `/api/v1/sources/${article.body.source.id}`, {
        token: team.editor.token,
        json: { homepage: "https://asvaka.news/" },
      })
    ).status,
  ).toBe(200);
});

describe("publishing settings", () => {
  it("an editor sets the publishing organisation and review URL template; GET returns them; null clears", async () => {
    const set = await patchProject(TEST_PUBLISHING);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject(TEST_PUBLISHING);
    expect((await api("GET", `/api/v1/projects/${team.id}`, { token: team.viewer.token })).body).toMatchObject(
      TEST_PUBLISHING,
    );
    const noLogo = await patchProject({ publisher: { name: " Example Fact Check ", url: "https://fc.example" } });
    expect(noLogo.body.publisher).toEqual({ name: "Example Fact Check", url: "https://fc.example", logoUrl: null });
    const cleared = await patchProject({ publisher: null, reviewUrlTemplate: null });
    expect(cleared.body).toMatchObject({ publisher: null, reviewUrlTemplate: null });
    await setPublishing(team.id, team.editor);
  });

  it("refuses bad settings with a 4xx naming the field, and changes nothing", async () => {
    await setPublishing(team.id, team.editor);
    const before = await countRows();
    const cases: [unknown, number, string][] = [
      [{ reviewUrlTemplate: "https://factcheck.example.org/claims/" }, 422, "reviewUrlTemplate"],
      [{ reviewUrlTemplate: "javascript:alert('{id}')" }, 422, "reviewUrlTemplate"],
      [{ reviewUrlTemplate: `https://factcheck.example.org/${"a".repeat(2100)}/{id}` }, 422, "reviewUrlTemplate"],
      [{ reviewUrlTemplate: 42 }, 400, "reviewUrlTemplate"],
      [{ publisher: { name: "", url: "https://fc.example" } }, 422, "publisher.name"],
      [{ publisher: { name: "x".repeat(201), url: "https://fc.example" } }, 422, "publisher.name"],
      [{ publisher: { name: "Fact Check", url: "ftp://fc.example" } }, 422, "publisher.url"],
      [{ publisher: { name: "Fact Check" } }, 422, "publisher.url"],
      [{ publisher: { name: "Fact Check", url: "https://fc.example", logoUrl: "data:image/png;base64,AA" } }, 422, ""],
      [{ publisher: { name: "Fact Check", url: "https://fc.example", motto: "x" } }, 400, "publisher"],
      [{ publisher: "Fact Check" }, 400, "publisher"],
    ];
    for (const [json, status, path] of cases) {
      const response = await patchProject(json);
      expect(response.status, JSON.stringify(json)).toBe(status);
      expect(JSON.stringify(response.body.error.details), JSON.stringify(json)).toContain(path);
    }
    expect(await countRows()).toEqual(before);
    expect((await api("GET", `/api/v1/projects/${team.id}`, { token: team.editor.token })).body).toMatchObject(
      TEST_PUBLISHING,
    );
  });

  it("refuses reviewers and viewers (403) and outsiders (404)", async () => {
    for (const [user, status] of [
      [team.reviewer, 403],
      [team.viewer, 403],
      [team.outsider, 404],
    ] as const) {
      const response = await patchProject({ publisher: null }, user.token);
      expect(response.status).toBe(status);
    }
    expect((await api("GET", `/api/v1/projects/${team.id}`, { token: team.editor.token })).body).toMatchObject(
      TEST_PUBLISHING,
    );
  });
});

describe("ClaimReview export", () => {
  it("gives every field of a published claim: the settings, the approval, the article and its outlet", async () => {
    await setPublishing(team.id, team.editor);
    const villages = await claim("40 villages were retaken", ["statistic", "false"]);
    const response = await exportReviews();
    expect(response.status).toBe(200);
    const review = response.body["@graph"].find((item: { claimReviewed: string }) =>
      item.claimReviewed.startsWith("40 villages"),
    );
    const approvedOn = new Date().toISOString().slice(0, 10);
    expect(review).toEqual({
      "@type": "ClaimReview",
      url: `https://factcheck.example.org/claims/${villages.id}`,
      claimReviewed: "40 villages were retaken",
      datePublished: approvedOn,
      author: {
        "@type": "Organization",
        name: "Example Fact Check",
        url: "https://factcheck.example.org/",
        logo: { "@type": "ImageObject", url: "https://factcheck.example.org/logo.png" },
      },
      reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "false" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Organization", name: "Asvaka", url: "https://asvaka.news/" },
        datePublished: "2021-08-20",
        appearance: {
          "@type": "CreativeWork",
          url: "https://asvaka.news/2021/villages",
          headline: "Army retakes villages",
          datePublished: "2021-08-20",
          author: { "@type": "Person", name: "Staff" },
          publisher: { "@type": "Organization", name: "Asvaka", url: "https://asvaka.news/" },
        },
      },
    });
    for (const item of response.body["@graph"]) expect(claimReviewProblems(item)).toEqual([]);
    expect(JSON.stringify(response.body)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it("names the person a claim link attributes the claim to as the claim's author", async () => {
    await setPublishing(team.id, team.editor);
    const calm = await claim("all is calm", ["quote/attribution", "misleading"]);
    const event = await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Calm in the north", date: "2021-08-20" },
    });
    const link = await api("POST", `/api/v1/events/${event.body.id}/links`, {
      token: team.editor.token,
      json: { annotationId: calm.id, stance: "ASSERTS", attributedTo: "Ahmad Zia" },
    });
    expect(link.status).toBe(201);
    const review = (await exportReviews()).body["@graph"].find(
      (item: { url: string }) => item.url === `https://factcheck.example.org/claims/${calm.id}`,
    );
    expect(review.itemReviewed.author).toEqual({ "@type": "Person", name: "Ahmad Zia" });
    expect(review.reviewRating).toMatchObject({ ratingValue: 2, alternateName: "misleading" });
    expect(claimReviewProblems(review)).toEqual([]);
  });

  it("uses a claim's own review URL, set by an editor with If-Match, before the template", async () => {
    await setPublishing(team.id, team.editor);
    const schools = await claim("counted 12 schools", ["statistic", "accurate"]);
    const own = "https://factcheck.example.org/2021/08/twelve-schools";
    const start = TEXT.indexOf("Aid workers");
    const reviewers = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
      token: team.reviewer.token,
      json: { start, end: start + "Aid workers".length, exact: "Aid workers", tags: ["statistic"] },
    });
    const byReviewer = await api("PATCH", `/api/v1/annotations/${reviewers.body.id}`, {
      token: team.reviewer.token,
      json: { reviewUrl: own },
      headers: { "if-match": `"${reviewers.body.version}"` },
    });
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.body.error.message).toMatch(/review URL/);
    await api("DELETE", `/api/v1/annotations/${reviewers.body.id}`, {
      token: team.reviewer.token,
      headers: { "if-match": `"${reviewers.body.version}"` },
    });
    for (const [json, headers, status] of [
      [{ reviewUrl: own }, {}, 428],
      [{ reviewUrl: "javascript:alert(1)" }, { "if-match": `"${schools.version}"` }, 422],
      [{ reviewUrl: 7 }, { "if-match": `"${schools.version}"` }, 422],
      [{ reviewUrl: own }, { "if-match": `"${schools.version + 5}"` }, 412],
    ] as const) {
      const refused = await api("PATCH", `/api/v1/annotations/${schools.id}`, {
        token: team.editor.token,
        json,
        headers,
      });
      expect(refused.status, JSON.stringify(json)).toBe(status);
    }
    const set = await api("PATCH", `/api/v1/annotations/${schools.id}`, {
      token: team.editor.token,
      json: { reviewUrl: own },
      headers: { "if-match": `"${schools.version}"` },
    });
    expect(set.status).toBe(200);
    // Where it is published changes nothing the editor approved.
    expect(set.body).toMatchObject({ reviewUrl: own, status: "APPROVED", version: schools.version + 1 });
    const urls = (await exportReviews()).body["@graph"].map((item: { url: string }) => item.url);
    expect(urls).toContain(own);
    expect(urls).not.toContain(`https://factcheck.example.org/claims/${schools.id}`);

    // Without a template, the claim with its own URL is still published.
    await patchProject({ reviewUrlTemplate: null });
    expect((await exportReviews()).body["@graph"].map((item: { url: string }) => item.url)).toEqual([own]);
    await setPublishing(team.id, team.editor);
  });

  it("leaves out each claim that cannot be published yet, counts it in a header, lists it with why", async () => {
    await setPublishing(team.id, team.editor);
    const noVerdict = await claim("Nobody was hurt", ["statistic"]);
    const twoVerdicts = await claim("the army said", ["statistic", "false", "accurate"]);
    const draft = await claim("Prices fell by half", ["statistic", "false"], false);
    const reasonsOf = async () => {
      const listing = await leftOut();
      expect(listing.status).toBe(200);
      return Object.fromEntries(
        listing.body.items.map((item: { annotationId: string; reasons: { code: string }[] }) => [
          item.annotationId,
          item.reasons.map((reason) => reason.code),
        ]),
      );
    };
    const response = await exportReviews();
    expect(response.headers.get("x-parallax-unpublishable")).toBe("3");
    const published = JSON.stringify(response.body);
    for (const quote of ["Nobody was hurt", "the army said", "Prices fell by half"])
      expect(published).not.toContain(quote);
    const listing = await leftOut();
    expect(listing.body.total).toBe(3);
    expect(listing.body.items.find((item: { annotationId: string }) => item.annotationId === draft.id)).toMatchObject({
      articleId,
      articleTitle: "Army retakes villages",
      exact: "Prices fell by half",
      status: "DRAFT",
      reasons: [{ code: "not-approved", message: "no editor has approved it" }],
    });
    expect(await reasonsOf()).toEqual({
      [noVerdict.id]: ["no-verdict"],
      [twoVerdicts.id]: ["several-verdicts"],
      [draft.id]: ["not-approved"],
    });

    // No template: the claims without their own URL are left out too.
    await patchProject({ reviewUrlTemplate: null });
    const withoutTemplate = await exportReviews();
    const ownUrlOnly = withoutTemplate.body["@graph"].length;
    expect(ownUrlOnly).toBe(1);
    const reasons = await reasonsOf();
    expect(reasons[draft.id]).toEqual(["not-approved", "no-review-url"]);
    expect(Object.values(reasons).filter((codes) => (codes as string[]).join() === "no-review-url")).toHaveLength(2);
    expect(withoutTemplate.headers.get("x-parallax-unpublishable")).toBe(String(Object.keys(reasons).length));

    // No publisher: nothing is published.
    await setPublishing(team.id, team.editor);
    await patchProject({ publisher: null });
    const withoutPublisher = await exportReviews();
    expect(withoutPublisher.body["@graph"]).toEqual([]);
    const all = await reasonsOf();
    expect(Object.values(all).every((codes) => (codes as string[]).includes("no-publisher"))).toBe(true);
    expect(withoutPublisher.headers.get("x-parallax-unpublishable")).toBe(String(Object.keys(all).length));
    await setPublishing(team.id, team.editor);
  });

  it("answers the listing's bad filters with a 4xx and outsiders with 404", async () => {
    const bad = await api("GET", `/api/v1/projects/${team.id}/export/unpublishable?status=MAYBE`, {
      token: team.viewer.token,
    });
    expect(bad.status).toBe(422);
    expect(errorCode(bad)).toBeTruthy();
    const outsider = await api("GET", `/api/v1/projects/${team.id}/export/unpublishable`, {
      token: team.outsider.token,
    });
    expect(outsider.status).toBe(404);
  });
});

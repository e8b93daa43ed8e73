import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl } from "../support/api";
import { claimReviewProblems } from "../support/claim-review-fields";
import { countRows, createProjectWithTeam, setPublishing, type TestProject } from "../support/factories";
import { pythonCsvReader } from "../support/python-csv";

let team: TestProject;
let articleId: string;
let otherArticleId: string;
const TEXT =
  '💩👨‍👩‍👧‍👦 Aśvaka – آسواکا News Agency said “a number” were killed.\nOfficials said, "all is calm", at noon.';
const OTHER = "A second report: nothing happened.";
const ids: Record<string, string> = {};

async function annotate(
  article: string,
  text: string,
  quote: string,
  json: Record<string, unknown>,
  token = team.editor.token,
) {
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${article}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, ...json },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

const exportOf = (query: string, token = team.viewer.token) =>
  api("GET", `/api/v1/projects/${team.id}/export?${query}`, { token });

beforeAll(async () => {
  team = await createProjectWithTeam("Exports — “Afghan” desk");
  await setPublishing(team.id, team.editor);
  const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: {
      title: "Asvaka report",
      text: TEXT,
      sourceName: "Asvaka",
      url: "https://example.org/asvaka",
      author: "Staff",
      publishedAt: "2021-08-20",
    },
  });
  articleId = article.body.id;
  otherArticleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Second", text: OTHER },
    })
  ).body.id;
  ids.persian = await annotate(articleId, TEXT, "آسواکا News Agency", {
    tags: ["quote/attribution", "misleading", "loaded language"],
    note: '=HYPERLINK("http://evil")',
  });
  ids.quoted = await annotate(articleId, TEXT, "“a number” were killed", {
    tags: ["statistic", "false"],
    note: '<img src=x onerror=alert(1)> and, "quotes"\nnew line',
  });
  ids.calm = await annotate(articleId, TEXT, '"all is calm"', { tags: ["opinion"] }, team.reviewer.token);
  ids.other = await annotate(otherArticleId, OTHER, "nothing happened", { tags: ["factual claim"] });
  const event = (
    await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Killings in Baghlan", date: "2021-08-20" },
    })
  ).body;
  await api("POST", `/api/v1/events/${event.id}/links`, {
    token: team.editor.token,
    json: { annotationId: ids.quoted, stance: "ASSERTS", attributedTo: "Asvaka" },
  });
});

describe("CSV export", () => {
  it(
    "has one row per annotation with a column per codebook " + "group, RFC 4180 quoting and formulas neutralised",
    async () => {
      const response = await exportOf("format=csv");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="exports-afghan-desk-\d{4}-\d{2}-\d{2}-annotations\.csv"$/,
      );
      const rows = parse(response.body as string, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(4);
      expect(Object.keys(rows[0]!)).toEqual([
        "project",
        "article",
        "source",
        "article_url",
        "start",
        "end",
        "exact",
        "claim type",
        "frame",
        "rhetoric",
        "verdict",
        "note",
        "status",
        "author",
        "created_at",
        "updated_at",
        "events",
        "annotation_id",
        "article_id",
      ]);
      const persian = rows.find((row) => row.exact === "آسواکا News Agency")!;
      expect(persian).toMatchObject({
        project: "Exports — “Afghan” desk",
        source: "Asvaka",
        article_url: "https://example.org/asvaka",
        annotation_id: ids.persian,
        article_id: articleId,
        "claim type": "quote/attribution",
        verdict: "misleading",
        rhetoric: "loaded language",
      });
      expect(persian.note).toBe('\'=HYPERLINK("http://evil")');
      expect(Number(persian.start)).toBe(TEXT.indexOf("آسواکا"));
      const quoted = rows.find((row) => row.exact === "“a number” were killed")!;
      expect(quoted.note).toBe('<img src=x onerror=alert(1)> and, "quotes"\nnew line');
      expect(quoted.events).toBe("Killings in Baghlan (asserts, according to Asvaka)");
      expect((response.body as string).split("\r\n")[0]).toMatch(/^project,article,/);
    },
  );

  it("starts with a byte order mark for Excel when asked", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${team.id}/export?format=csv&bom=1`, {
      headers: { authorization: `Bearer ${team.viewer.token}` },
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("filters by article, tag, status, author and creation dates", async () => {
    const count = async (query: string) =>
      (parse((await exportOf(`format=csv&${query}`)).body as string, { columns: true }) as unknown[]).length;
    expect(await count(`articles=${otherArticleId}`)).toBe(1);
    expect(await count("tags=statistic,opinion")).toBe(2);
    expect(await count("status=DRAFT")).toBe(4);
    expect(await count("status=APPROVED")).toBe(0);
    expect(await count(`author=${team.reviewer.id}`)).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(await count(`from=${today}&to=${today}`)).toBe(4);
    expect(await count("to=2000-01-01")).toBe(0);
  });
});

describe("W3C Web Annotation export", () => {
  it("gives TextQuoteSelectors and TextPositionSelectors in code points that convert back to our offsets", async () => {
    const response = await exportOf("format=jsonld");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/ld+json");
    const collection = response.body;
    expect(collection).toMatchObject({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "AnnotationCollection",
      total: 4,
    });
    expect(collection.first.type).toBe("AnnotationPage");
    const persian = collection.first.items.find((item: { id: string }) => item.id === `urn:uuid:${ids.persian}`);
    expect(persian.target.source).toBe("https://example.org/asvaka");
    const [quote, position] = persian.target.selector;
    expect(quote).toMatchObject({ type: "TextQuoteSelector", exact: "آسواکا News Agency" });
    const start = TEXT.indexOf("آسواکا");
    expect(position).toEqual({
      type: "TextPositionSelector",
      start: Array.from(TEXT.slice(0, start)).length,
      end: Array.from(TEXT.slice(0, start + "آسواکا News Agency".length)).length,
    });
    expect(Array.from(TEXT).slice(position.start, position.end).join("")).toBe("آسواکا News Agency");
    expect(persian.body).toEqual(
      expect.arrayContaining([
        { type: "TextualBody", purpose: "tagging", value: "misleading" },
        { type: "TextualBody", purpose: "commenting", value: '=HYPERLINK("http://evil")', format: "text/plain" },
      ]),
    );
    expect(persian.creator).toMatchObject({ type: "Person", name: "editor" });
    const second = collection.first.items.find((item: { id: string }) => item.id === `urn:uuid:${ids.other}`);
    expect(second.target.source).toBe(`urn:uuid:${otherArticleId}`);
  });
});

describe("ClaimReview export", () => {
  it("reviews the approved claims with one verdict and counts the others it leaves out", async () => {
    const approved = await api("PATCH", `/api/v1/annotations/${ids.quoted}`, {
      token: team.editor.token,
      json: { status: "APPROVED" },
      headers: { "if-match": '"1"' },
    });
    expect(approved.status).toBe(200);
    const response = await exportOf("format=claimreview");
    expect(response.status).toBe(200);
    expect(response.body["@context"]).toBe("https://schema.org");
    const reviews = response.body["@graph"] as Record<string, any>[];
    expect(reviews.map((review) => review.claimReviewed)).toEqual(["“a number” were killed"]);
    // The Persian claim is a draft, the others have no verdict (tests/integration/claim-review.test.ts: each reason).
    expect(response.headers.get("x-parallax-unpublishable")).toBe("3");
    expect(reviews[0]).toMatchObject({
      "@type": "ClaimReview",
      url: `https://factcheck.example.org/claims/${ids.quoted}`,
      author: { "@type": "Organization", name: "Example Fact Check" },
      reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "false" },
      itemReviewed: {
        "@type": "Claim",
        // The link attributes it to the outlet itself: the outlet, not a person of that name.
        author: { "@type": "Organization", name: "Asvaka" },
        appearance: {
          url: "https://example.org/asvaka",
          author: { "@type": "Person", name: "Staff" },
          datePublished: "2021-08-20",
          publisher: { "@type": "Organization", name: "Asvaka" },
        },
      },
    });
    expect(reviews[0]!.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const review of reviews) expect(claimReviewProblems(review)).toEqual([]);
  });
});

describe("Markdown report and project JSON", () => {
  it("reports events with omissions, the framing profile and every claim, with HTML neutralised", async () => {
    const outlet = (await api("GET", `/api/v1/articles/${articleId}`, { token: team.editor.token })).body.source;
    expect(
      (
        await api("PATCH", `/api/v1/sources/${outlet.id}`, {
          token: team.editor.token,
          json: { notes: "Afghan agency | <b>independent</b>", homepage: "https://asvaka.news" },
        })
      ).status,
    ).toBe(200);
    const response = await exportOf("format=md&status=all");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/markdown/);
    const report = response.body as string;
    expect(report).toContain("- **Asvaka**: Afghan agency \\| &lt;b\\>independent&lt;/b\\>");
    expect(report).toContain("### Killings in Baghlan (2021-08-20)");
    expect(report).toContain("- **Asvaka** asserts (according to Asvaka): ““a number” were killed”");
    expect(report).toContain("- **Second**: *omitted — does not report this event*");
    expect(report).toMatch(/\| verdict · misleading \| 1 \| 0 \|/);
    expect(report).toContain("آسواکا News Agency");
    expect(report).not.toContain("<img");
  });

  it("leaves rejected annotations out of the reports unless asked for them; the data formats keep them", async () => {
    const quote = "A second report";
    const rejected = await annotate(otherArticleId, OTHER, quote, { tags: ["opinion", "unsupported"] });
    const refused = await api("PATCH", `/api/v1/annotations/${rejected}`, {
      token: team.editor.token,
      json: { status: "REJECTED", reviewNote: "Not a claim." },
      headers: { "if-match": '"1"' },
    });
    expect(refused.status).toBe(200);
    try {
      for (const format of ["md", "claimreview"])
        expect(JSON.stringify((await exportOf(`format=${format}`)).body), format).not.toContain(quote);
      expect((await exportOf("format=md&status=REJECTED")).body).toContain(quote);
      // ClaimReview publishes approved claims only: a rejected one asked for is left out, and counted.
      const rejectedReviews = await exportOf("format=claimreview&status=REJECTED");
      expect(rejectedReviews.body["@graph"]).toEqual([]);
      expect(rejectedReviews.headers.get("x-parallax-unpublishable")).toBe("1");
      expect((await exportOf("format=md")).body).not.toMatch(/verdict · unsupported/);
      for (const format of ["csv", "json", "jsonld"])
        expect(JSON.stringify((await exportOf(`format=${format}`)).body), format).toContain(quote);
    } finally {
      await api("DELETE", `/api/v1/annotations/${rejected}`, {
        token: team.editor.token,
        headers: { "if-match": `"${refused.body.version}"` },
      });
    }
  });

  it("reports approved claims only unless asked for others (status=all, or the statuses named)", async () => {
    const quote = "A second report";
    const approved = await annotate(otherArticleId, OTHER, quote, { tags: ["factual claim"] });
    const approval = await api("PATCH", `/api/v1/annotations/${approved}`, {
      token: team.editor.token,
      json: { status: "APPROVED" },
      headers: { "if-match": '"1"' },
    });
    expect(approval.status).toBe(200);
    // The claim the ClaimReview test approved is the other approved one.
    const drafts = ['"all is calm"', "nothing happened", "آسواکا News Agency"];
    try {
      for (const query of ["format=md", "format=md&status=approved", "format=md&status=APPROVED"]) {
        const report = (await exportOf(query)).body as string;
        expect(report, query).toContain(quote);
        for (const draft of drafts) expect(report, query).not.toContain(draft);
        expect(report, query).toContain("2 articles, 2 approved claims, 1 event.");
      }
      for (const query of ["format=md&status=all", "format=md&status=ALL", "format=md&status=draft,approved"]) {
        const report = (await exportOf(query)).body as string;
        for (const claim of [quote, ...drafts]) expect(report, query).toContain(claim);
        expect(report, query).toContain("2 articles, 5 annotated claims, 1 event.");
      }
      // The data formats keep every status.
      for (const format of ["csv", "json", "jsonld"])
        for (const claim of [quote, "nothing happened"])
          expect(JSON.stringify((await exportOf(`format=${format}`)).body), format).toContain(claim);
    } finally {
      await api("DELETE", `/api/v1/annotations/${approved}`, {
        token: team.editor.token,
        headers: { "if-match": `"${approval.body.version}"` },
      });
    }
  });

  it("exports the whole project as documented JSON", async () => {
    const response = await exportOf("format=json");
    expect(response.status).toBe(200);
    const data = response.body;
    expect(data).toMatchObject({
      format: "parallax.project",
      version: 1,
      project: { id: team.id, name: "Exports — “Afghan” desk" },
    });
    expect(data.articles.find((article: { id: string }) => article.id === articleId).text).toBe(TEXT);
    expect(data.codebook.map((group: { name: string }) => group.name)).toEqual([
      "claim type",
      "frame",
      "rhetoric",
      "verdict",
    ]);
    expect(data.sources).toEqual(["Asvaka"]);
    expect(data.outlets).toEqual([
      { name: "Asvaka", homepage: "https://asvaka.news", notes: "Afghan agency | <b>independent</b>" },
    ]);
    // ClaimReview names the outlet with its homepage as the appearance's publisher.
    const [review] = (await exportOf("format=claimreview")).body["@graph"];
    expect(review.itemReviewed.appearance.publisher).toEqual({
      "@type": "Organization",
      name: "Asvaka",
      url: "https://asvaka.news",
    });
    expect(data.events).toHaveLength(1);
    const quoted = data.annotations.find((annotation: { id: string }) => annotation.id === ids.quoted);
    expect(quoted).toMatchObject({
      exact: "“a number” were killed",
      tags: ["statistic", "false"],
      links: [{ stance: "ASSERTS", attributedTo: "Asvaka" }],
      comments: [],
    });
    expect(TEXT.slice(quoted.start, quoted.end)).toBe(quoted.exact);
  });
});

describe("export errors", () => {
  it("answers bad formats and filters with a JSON 4xx, outsiders with 404, and changes nothing", async () => {
    const before = await countRows();
    for (const query of [
      "format=xls",
      "",
      "format=csv&from=yesterday",
      "format=csv&status=LOST",
      "format=csv&author=someone",
    ]) {
      const response = await exportOf(query);
      expect([400, 422], query).toContain(response.status);
      expect(response.body.error.message).toBeTruthy();
    }
    expect((await exportOf("format=csv", team.outsider.token)).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${team.id}/export?format=csv`)).status).toBe(401);
    expect(await countRows()).toEqual(before);
  });
});

describe("line breaks and formulas in exported text", () => {
  it(
    "the CSV quotes every field with a CR or LF, the header's too, and both CSV readers see the same cells; the " +
      "Markdown report keeps no line break",
    async () => {
      const project = await createProjectWithTeam("Line breaks");
      const text = "The road was open. The bridge was closed.";
      const article = (
        await api("POST", `/api/v1/projects/${project.id}/articles`, {
          token: project.editor.token,
          json: { title: "Roads", text },
        })
      ).body.id;
      for (const [name, group] of [
        ["linebreak", "G3\n=1+1"],
        ["formula", "@SUM(1+1)"],
      ]) {
        expect(
          (
            await api("POST", `/api/v1/projects/${project.id}/tags`, {
              token: project.editor.token,
              json: { name, group, color: "#336699" },
            })
          ).status,
        ).toBe(201);
      }
      const annotateWith = (exact: string, note: string, tags: string[]) =>
        api("POST", `/api/v1/articles/${article}/annotations`, {
          token: project.editor.token,
          json: { start: text.indexOf(exact), end: text.indexOf(exact) + exact.length, exact, note, tags },
        });
      expect((await annotateWith("The road was open.", "lf\n=2+2", ["linebreak"])).status).toBe(201);
      expect((await annotateWith("The bridge was closed.", "cr\r@SUM(1+1)\r# heading", ["formula"])).status).toBe(201);

      const csv = (
        await api("GET", `/api/v1/projects/${project.id}/export?format=csv`, { token: project.viewer.token })
      ).body as string;
      const python = pythonCsvReader();
      try {
        const rows = parse(csv) as string[][];
        expect(await python.parse(csv)).toEqual(rows);
        const [header, ...records] = rows;
        expect(header).toContain("G3\n=1+1");
        expect(header).toContain("'@SUM(1+1)");
        expect(records.map((record) => record[header!.indexOf("note")])).toEqual([
          "lf\n=2+2",
          "cr\r@SUM(1+1)\r# heading",
        ]);
        expect(
          records.map((record) => [record[header!.indexOf("G3\n=1+1")], record[header!.indexOf("'@SUM(1+1)")]]),
        ).toEqual([
          ["linebreak", ""],
          ["", "formula"],
        ]);
      } finally {
        python.close();
      }

      const report = (
        await api("GET", `/api/v1/projects/${project.id}/export?format=md&status=all`, { token: project.viewer.token })
      ).body as string;
      expect(report).not.toMatch(/\r/);
      expect(report).toContain("Note: cr @SUM(1+1) \\# heading");
      expect(report).toContain("Note: lf =2+2");
    },
  );
});

import { beforeAll, describe, expect, it } from "vitest";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let other: TestProject;
const TEXT = "Moscow said the deal had ended.";

async function importFrom(sourceName: string | undefined, project = team) {
  const response = await api("POST", `/api/v1/projects/${project.id}/articles`, {
    token: project.editor.token,
    json: { title: `By ${sourceName}`, text: TEXT, sourceName },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; source: { id: string; name: string } | null };
}

beforeAll(async () => {
  [team, other] = await Promise.all([createProjectWithTeam("Outlets"), createProjectWithTeam("Other outlets")]);
});

describe("outlets", () => {
  it(
    "come from the articles that name them, in any case as one outlet, listed by name with their live articles " +
      "counted",
    async () => {
      const tass = await importFrom("TASS");
      expect((await importFrom("tass")).source).toEqual(tass.source);
      await importFrom("Reuters");
      await importFrom(undefined);
      const deleted = await importFrom("Reuters");
      expect((await api("DELETE", `/api/v1/articles/${deleted.id}`, { token: team.editor.token })).status).toBe(204);

      const list = await api("GET", `/api/v1/projects/${team.id}/sources`, { token: team.viewer.token });
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(
        list.body.items.map((source: { name: string; articleCount: number }) => [source.name, source.articleCount]),
      ).toEqual([
        ["Reuters", 1],
        ["TASS", 2],
      ]);
      expect(list.body.items[1]).toMatchObject({
        id: tass.source!.id,
        projectId: team.id,
        homepage: null,
        notes: null,
      });
      expect((await api("GET", `/api/v1/sources/${tass.source!.id}`, { token: team.viewer.token })).body).toEqual(
        list.body.items[1],
      );
    },
  );

  it("are renamed and annotated (homepage, ownership, lean) by editors only, with an audit entry", async () => {
    const { source } = await importFrom("Kremlin wire");
    const before = await countRows();
    expect(
      (await api("PATCH", `/api/v1/sources/${source!.id}`, { token: team.reviewer.token, json: { notes: "x" } }))
        .status,
    ).toBe(403);
    expect(
      (await api("PATCH", `/api/v1/sources/${source!.id}`, { token: other.editor.token, json: { notes: "x" } })).status,
    ).toBe(404);
    expect((await api("GET", `/api/v1/sources/${source!.id}`, { token: other.editor.token })).status).toBe(404);
    for (const json of [
      {},
      { homepage: "javascript:alert(1)" },
      { homepage: "not a url" },
      { name: "" },
      { notes: 5 },
      { name: "X", extra: true },
    ]) {
      const refused = await api("PATCH", `/api/v1/sources/${source!.id}`, { token: team.editor.token, json });
      expect([400, 422], JSON.stringify(json)).toContain(refused.status);
    }
    const clash = await api("PATCH", `/api/v1/sources/${source!.id}`, {
      token: team.editor.token,
      json: { name: "reuters" },
    });
    expect(clash.status).toBe(409);
    expect(errorCode(clash)).toBe("conflict");
    expect(clash.body.error.details.field).toBe("name");
    expect(await countRows()).toEqual(before);

    const updated = await api("PATCH", `/api/v1/sources/${source!.id}`, {
      token: team.editor.token,
      json: { name: "TASS English", homepage: "https://tass.com", notes: "State-owned news agency (Russia)." },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: "TASS English",
      homepage: "https://tass.com",
      notes: "State-owned news agency (Russia).",
      articleCount: 1,
    });
    const cleared = await api("PATCH", `/api/v1/sources/${source!.id}`, {
      token: team.editor.token,
      json: { homepage: null },
    });
    expect(cleared.body).toMatchObject({
      name: "TASS English",
      homepage: null,
      notes: "State-owned news agency (Russia).",
    });

    const history = await api("GET", `/api/v1/projects/${team.id}/audit?entity=${source!.id}&action=source.update`, {
      token: team.editor.token,
    });
    expect(history.body.items).toHaveLength(2);
    expect(history.body.items[1].changes).toEqual(
      expect.arrayContaining([
        { field: "name", before: "Kremlin wire", after: "TASS English" },
        { field: "notes", before: null, after: "State-owned news agency (Russia)." },
      ]),
    );
    // The article shows its outlet's new name.
    const articles = (await api("GET", `/api/v1/projects/${team.id}/articles`, { token: team.viewer.token })).body
      .items;
    expect(
      articles
        .filter((article: { source: { id: string } | null }) => article.source?.id === source!.id)
        .map((article: { source: { name: string } }) => article.source.name),
    ).toEqual(["TASS English"]);
  });

  it("are deleted by editors once no live article names them; until then a 409 says how many do", async () => {
    const first = await importFrom("Ariana wire");
    const second = await importFrom("ariana WIRE");
    const outlet = first.source!;
    const before = await countRows();
    expect((await api("DELETE", `/api/v1/sources/${outlet.id}`, { token: team.reviewer.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/sources/${outlet.id}`, { token: other.editor.token })).status).toBe(404);
    const refused = await api("DELETE", `/api/v1/sources/${outlet.id}`, { token: team.editor.token });
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe("conflict");
    expect(refused.body.error.message).toBe(
      "'Ariana wire' still has 2 articles: give them another outlet or delete them first.",
    );
    expect(refused.body.error.details).toEqual({ articleCount: 2 });
    expect(await countRows()).toEqual(before);

    // One article moves to another outlet, the other is deleted: the outlet is empty.
    expect(
      (
        await api("PATCH", `/api/v1/articles/${first.id}`, {
          token: team.editor.token,
          json: { sourceName: "Reuters" },
        })
      ).status,
    ).toBe(200);
    expect((await api("DELETE", `/api/v1/articles/${second.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await api("DELETE", `/api/v1/sources/${outlet.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await api("GET", `/api/v1/sources/${outlet.id}`, { token: team.editor.token })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/sources/${outlet.id}`, { token: team.editor.token })).status).toBe(404);
    const names = (
      await api("GET", `/api/v1/projects/${team.id}/sources`, { token: team.viewer.token })
    ).body.items.map((source: { name: string }) => source.name);
    expect(names).not.toContain("Ariana wire");
    const history = await api("GET", `/api/v1/projects/${team.id}/audit?entity=${outlet.id}&action=source.delete`, {
      token: team.editor.token,
    });
    expect(history.body.items).toHaveLength(1);

    // Naming it again makes a new outlet.
    const again = await importFrom("Ariana wire");
    expect(again.source!.name).toBe("Ariana wire");
    expect(again.source!.id).not.toBe(outlet.id);
  });

  it(
    "being deleted while an article naming them is imported: the article gets an outlet that exists, or the delete " +
      "is " +
      "refused",
    async () => {
      for (let round = 0; round < 10; round++) {
        const name = `Race ${round}`;
        const placeholder = await importFrom(name);
        expect((await api("DELETE", `/api/v1/articles/${placeholder.id}`, { token: team.editor.token })).status).toBe(
          204,
        );
        const [deleted, imported] = await Promise.all([
          api("DELETE", `/api/v1/sources/${placeholder.source!.id}`, { token: team.editor.token }),
          api("POST", `/api/v1/projects/${team.id}/articles`, {
            token: team.editor.token,
            json: { title: name, text: TEXT, sourceName: name },
          }),
        ]);
        expect(imported.status).toBe(201);
        expect([204, 409]).toContain(deleted.status);
        const outlet = await api("GET", `/api/v1/sources/${imported.body.source.id}`, { token: team.editor.token });
        expect(outlet.status).toBe(200);
        expect(outlet.body.articleCount).toBe(1);
        if (deleted.status === 409) expect(imported.body.source.id).toBe(placeholder.source!.id);
        else expect(imported.body.source.id).not.toBe(placeholder.source!.id);
      }
    },
  );

  it(
    "are merged by editors: the articles, deleted ones too, move to the outlet kept, which gains the homepage and " +
      "notes it lacked",
    async () => {
      const kept = (await importFrom("Pajhwok")).source!;
      const spelledOtherwise = await importFrom("Pajhwok Afghan News");
      const deletedArticle = await importFrom("Pajhwok Afghan News");
      expect((await api("DELETE", `/api/v1/articles/${deletedArticle.id}`, { token: team.editor.token })).status).toBe(
        204,
      );
      const merged = spelledOtherwise.source!;
      await api("PATCH", `/api/v1/sources/${merged.id}`, {
        token: team.editor.token,
        json: { homepage: "https://pajhwok.com", notes: "Independent news agency." },
      });
      await api("PATCH", `/api/v1/sources/${kept.id}`, { token: team.editor.token, json: { notes: "Kabul-based." } });

      const before = await countRows();
      const theirs = (await importFrom("Theirs", other)).source!;
      const countsBefore = await countRows();
      const merge = (id: string, json: unknown, token = team.editor.token) =>
        api("POST", `/api/v1/sources/${id}/merge`, { token, json });
      expect((await merge(merged.id, { into: kept.id }, team.reviewer.token)).status).toBe(403);
      expect((await merge(merged.id, { into: kept.id }, other.editor.token)).status).toBe(404);
      for (const json of [
        { into: merged.id },
        { into: theirs.id },
        { into: "not-an-id" },
        { into: "019ab000-0000-7000-8000-00000000dead" },
      ]) {
        const refused = await merge(merged.id, json);
        expect(refused.status, JSON.stringify(json)).toBe(422);
        expect(refused.body.error.details.issues[0].path).toBe("into");
      }
      expect((await merge(merged.id, {})).status).toBe(422);
      for (const json of [{ into: 5 }, { into: kept.id, extra: true }, [kept.id]])
        expect((await merge(merged.id, json)).status).toBe(400);
      expect(await countRows()).toEqual(countsBefore);
      expect(before).not.toEqual(countsBefore); // the other project's import counted

      const answer = await merge(merged.id, { into: kept.id });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: kept.id,
        name: "Pajhwok",
        homepage: "https://pajhwok.com",
        notes: "Kabul-based.",
        articleCount: 2,
      });
      expect((await api("GET", `/api/v1/sources/${merged.id}`, { token: team.editor.token })).status).toBe(404);
      expect((await merge(merged.id, { into: kept.id })).status).toBe(404);
      const moved = await api("GET", `/api/v1/articles/${spelledOtherwise.id}`, { token: team.viewer.token });
      expect(moved.body.source).toMatchObject({ id: kept.id, name: "Pajhwok" });
      const history = await api("GET", `/api/v1/projects/${team.id}/audit?entity=${merged.id}&action=source.merge`, {
        token: team.editor.token,
      });
      expect(history.body.items).toHaveLength(1);
      // The deleted article moved too; the homepage it gained is recorded, for an undo.
      expect(history.body.items[0].after).toEqual({ mergedInto: kept.id, articlesMoved: 2, filledIn: ["homepage"] });
      expect(history.body.items[0].names).toEqual({ [kept.id]: "Pajhwok" });
    },
  );

  it("being merged while an article naming them is imported: the article gets an outlet that exists", async () => {
    const survivor = (await importFrom("Merge target")).source!;
    for (let round = 0; round < 10; round++) {
      const name = `Merge race ${round}`;
      const merged = (await importFrom(name)).source!;
      const [merge, imported] = await Promise.all([
        api("POST", `/api/v1/sources/${merged.id}/merge`, { token: team.editor.token, json: { into: survivor.id } }),
        api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: name, text: TEXT, sourceName: name },
        }),
      ]);
      expect(merge.status, JSON.stringify(merge.body)).toBe(200);
      expect(imported.status).toBe(201);
      // Imported first, the article moved with the merge; imported after, it made the outlet anew.
      const { source } = (await api("GET", `/api/v1/articles/${imported.body.id}`, { token: team.editor.token })).body;
      expect(source.id === survivor.id || (source.name === name && source.id !== merged.id)).toBe(true);
      expect((await api("GET", `/api/v1/sources/${source.id}`, { token: team.editor.token })).status).toBe(200);
    }
  });
});

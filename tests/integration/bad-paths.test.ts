import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, errorCode } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Paths whose percent-encoding is not UTF-8 (%FF, a cut sequence, an
 * overlong one, a lone %): an API route answers them with a JSON 400, a page
 * with the not-found page; nothing answers 500.
 */
const BAD_SEGMENTS = ["%FF", "%E0%A4%A", "%C0%AF", "%", "abc%ZZ", "%ED%A0%80"];

let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Bad paths");
});

describe("paths with invalid percent-encoding", () => {
  it("get a JSON 400 from every kind of API route, with or without a session", async () => {
    const routes = [
      ["GET", "/api/v1/articles/X"],
      ["PATCH", "/api/v1/articles/X"],
      ["GET", "/api/v1/articles/X/annotations"],
      ["DELETE", "/api/v1/annotations/X"],
      ["GET", `/api/v1/projects/X/search`],
      ["POST", `/api/v1/projects/${team.id}/tags/X`],
      ["GET", "/api/v1/events/X"],
      ["DELETE", "/api/v1/links/X"],
      ["GET", "/api/v1/X"],
      ["GET", "/api/v1/projects/X/export"],
    ];
    const wrong: string[] = [];
    for (const [method, path] of routes) {
      for (const segment of BAD_SEGMENTS) {
        for (const token of [team.editor.token, undefined]) {
          const response = await api(method!, path!.replace("X", segment), { token });
          const answer =
            `${method} ${path!.replace("X", segment)} → ${response.status} ` +
            `${JSON.stringify(response.body).slice(0, 80)}`;
          if (
            response.status !== 400 ||
            !(response.headers.get("content-type") ?? "").includes("application/json") ||
            errorCode(response) !== "bad_request"
          )
            wrong.push(answer);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("get the not-found page (404) for pages", async () => {
    for (const path of [
      "/articles/X",
      "/projects/X",
      `/projects/${team.id}/X`,
      "/projects/X/search",
      "/events/X",
      "/articles/X/adjudicate",
    ]) {
      for (const segment of BAD_SEGMENTS) {
        const response = await fetch(`${baseUrl()}${path.replace("X", segment)}`, { redirect: "manual" });
        const html = await response.text();
        expect(response.status, path.replace("X", segment)).toBe(404);
        expect(response.headers.get("content-type")).toMatch(/^text\/html/);
        expect(html).toContain("This page does not exist");
      }
    }
  });
});

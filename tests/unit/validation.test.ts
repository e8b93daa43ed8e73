import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { calendarDate, optionalText, optionalWebUrl, parseInput } from "@/lib/validation";

const schema = z.strictObject({
  title: z.string().min(1),
  count: z.number().int().optional(),
  when: calendarDate.optional(),
});

function failure(input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("parseInput", () => {
  it("returns the parsed value", () => {
    expect(parseInput(schema, { title: "x", count: 2 })).toEqual({ title: "x", count: 2 });
  });

  it("answers 400 for wrong shapes: wrong types, unknown fields, non-objects", () => {
    expect(failure({ title: 5 }).status).toBe(400);
    expect(failure({ title: "x", extra: true }).status).toBe(400);
    expect(failure([]).status).toBe(400);
    expect(failure("text").status).toBe(400);
    expect(failure(null).status).toBe(400);
    expect(failure({ title: "x", when: 20210820 }).status).toBe(400);
    expect(failure({ title: "x", count: 1.5 }).status).toBe(400); // not an integer
  });

  it("answers 422 for right shapes with unacceptable values, and missing fields", () => {
    expect(failure({ title: "" }).status).toBe(422);
    expect(failure({}).status).toBe(422);
    expect(failure({ title: "x", when: "20 Aug 2021" }).status).toBe(422);
  });

  it("names each field that is wrong", () => {
    const error = failure({ title: "", count: "2" });
    expect(error.details).toEqual({
      issues: expect.arrayContaining([
        { path: "title", message: expect.any(String) },
        { path: "count", message: expect.any(String) },
      ]),
    });
    expect(error.message).toMatch(/title: .*; count: /);
  });
});

describe("field helpers", () => {
  it("calendarDate keeps the written date of a date-time, whatever its offset", () => {
    expect(calendarDate.parse("2021-08-20")).toEqual(new Date("2021-08-20T00:00:00Z"));
    expect(calendarDate.parse("2021-08-20T23:30:00-05:00")).toEqual(new Date("2021-08-20T00:00:00Z"));
    expect(calendarDate.safeParse("2021-02-30").success).toBe(false);
  });

  it("optionalText: absent stays undefined, empty or null clears, text is trimmed", () => {
    const field = optionalText(10);
    expect(field.parse(undefined)).toBeUndefined();
    expect(field.parse(null)).toBeNull();
    expect(field.parse("   ")).toBeNull();
    expect(field.parse(" a ")).toBe("a");
    expect(field.safeParse("x".repeat(11)).success).toBe(false);
  });

  it("optionalWebUrl accepts only http and https", () => {
    expect(optionalWebUrl.parse("https://example.org/a?b=c")).toBe("https://example.org/a?b=c");
    expect(optionalWebUrl.parse("")).toBeNull();
    for (const url of ["javascript:alert(1)", "data:text/html,<b>", "ftp://example.org", "not a url"]) {
      expect(optionalWebUrl.safeParse(url).success, url).toBe(false);
    }
  });
});

import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type AnnotationView, annotationFields, createAnnotation } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireArticlePermission } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { phraseKey } from "./decided";
import { listSuggestions, type SuggestionView } from "./index";

const offset = z.int().min(0);
const decisionInput = z
  .strictObject({
    articleId: z.string().max(100),
    kind: z.enum(["phrase", "claim"]),
    start: offset,
    end: offset,
    decision: z.enum(["accept", "reject"]),
    /** The accepted annotation's tags (by id or name): a claim's; a phrase's instead of those it was proposed with. */
    tags: annotationFields.tags.unwrap().optional(),
  })
  .refine(({ decision, tags }) => decision === "accept" || tags === undefined, {
    message: "tags go with an acceptance only",
    path: ["tags"],
  });

/** A decision as the API shows it. */
export interface SuggestionDecisionView {
  id: string;
  articleId: string;
  kind: "phrase" | "claim";
  start: number;
  end: number;
  decision: "accepted" | "rejected";
  /** The draft annotation the acceptance made (null once deleted, and for a rejection). */
  annotationId: string | null;
  createdAt: Date;
}

const viewSelect = {
  id: true,
  articleId: true,
  kind: true,
  start: true,
  end: true,
  decision: true,
  annotationId: true,
  createdAt: true,
} as const;

/**
 * Accepts or rejects a suggestion the suggester proposes to the caller now
 * (same kind, same span; 409 `not_suggested` for one it does not, such as a
 * stale or decided one). Accepting makes a draft annotation of the caller's
 * through the usual create path (its audit entry marked `fromSuggestion`),
 * with the tags given, else the phrase's; rejecting changes nothing else and
 * keeps the span from being proposed again (decided.ts).
 */
export async function decideSuggestion(
  actor: Actor,
  input: unknown,
): Promise<{ decision: SuggestionDecisionView; annotation?: AnnotationView }> {
  const { articleId, kind, start, end, decision, tags } = parseInput(decisionInput, input);
  const access = await requireArticlePermission(actor, articleId, "annotation.create");
  const { items } = await listSuggestions(actor, articleId);
  const suggestion = items.find((item) => item.kind === kind && item.start === start && item.end === end);
  if (!suggestion) {
    throw new AppError(
      "not_suggested",
      `No ${kind} suggestion at ${start}–${end} in this article now: it was decided or annotated, or the text ` +
        "changed. Reload the suggestions.",
      { kind, start, end },
    );
  }
  const record = {
    projectId: access.projectId,
    articleId,
    userId: actor.userId,
    kind,
    start,
    end,
    phrase: kind === "phrase" ? phraseKey(suggestion.exact) : null,
  };
  if (decision === "reject") {
    const stored = await db().$transaction(async (tx) => {
      const row = await tx.suggestionDecision.create({ data: { ...record, decision: "rejected" }, select: viewSelect });
      await recordAudit(tx, actor, {
        projectId: access.projectId,
        action: "suggestion.reject",
        entityType: "SuggestionDecision",
        entityId: row.id,
        after: { ...row, exact: suggestion.exact },
      });
      return row;
    });
    return { decision: stored };
  }
  const annotation = await createAnnotation(actor, articleId, acceptedAnnotation(suggestion, tags), {
    fromSuggestion: kind,
  });
  const stored = await db().suggestionDecision.create({
    data: { ...record, decision: "accepted", annotationId: annotation.id },
    select: viewSelect,
  });
  return { decision: stored, annotation };
}

function acceptedAnnotation(suggestion: SuggestionView, tags: string[] | undefined) {
  const { start, end, exact } = suggestion;
  return { start, end, exact, tags: tags ?? suggestion.tags.map((tag) => tag.id) };
}

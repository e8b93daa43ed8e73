import "server-only";
import type { Actor } from "@/lib/actor";
import { submitOwnDrafts } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireArticlePermission } from "@/lib/permissions";
import { type AssignmentView, myAssignmentOf } from "./lists";

/**
 * POST /articles/:id/assignment/submit: the coder says "I'm done with this
 * article". Their drafts on it are submitted for review (as the reader's
 * "Submit my drafts" does, with the same checks), then the assignment is
 * marked submitted: its state becomes `submitted`, or `done` when nothing of
 * theirs waits for an editor. 409 when the article is not assigned to them.
 */
export async function submitAssignment(
  actor: Actor,
  articleId: string,
): Promise<{ assignment: AssignmentView; draftsSubmitted: number }> {
  const { projectId } = await requireArticlePermission(actor, articleId, "annotation.create");
  if (!(await myAssignmentOf(actor, articleId)))
    throw conflict("This article is not assigned to you: an editor assigns it on the project's page first.");
  const { submitted } = await submitOwnDrafts(actor, articleId);
  await db().$transaction(async (tx) => {
    const submittedAt = new Date();
    const { count } = await tx.assignment.updateMany({
      where: { articleId, userId: actor.userId },
      data: { submittedAt },
    });
    if (count === 0) throw conflict("This article is no longer assigned to you.");
    await recordAudit(tx, actor, {
      projectId,
      action: "assignment.submit",
      entityType: "Article",
      entityId: articleId,
      after: { submittedAt, draftsSubmitted: submitted },
    });
  });
  return { assignment: (await myAssignmentOf(actor, articleId))!, draftsSubmitted: submitted };
}

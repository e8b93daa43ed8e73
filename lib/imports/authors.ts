import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudits } from "@/lib/audit";
import { emailAddress } from "@/lib/auth/credentials";
import type { DbClient } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { label } from "@/lib/validation";

/**
 * Who made a record of a project file: a name, and the email that identifies
 * them (left out, or null, in a file exported by a non-editor). Files of
 * earlier versions name an author by a string alone.
 */
export const fileAuthor = z.union([
  z.object({ name: label(200), email: emailAddress.nullish() }),
  label(200).transform((name) => ({ name, email: null })),
]);
export type FileAuthor = z.output<typeof fileAuthor>;

/** An author of the file with an email, and the role their records need in the project. */
export interface AuthorNeed {
  author: FileAuthor;
  /** REVIEWER for who annotated, commented or linked; EDITOR for who decided on annotations. */
  role: Extract<ProjectRole, "REVIEWER" | "EDITOR">;
}

export interface AuthorsReport {
  /** Authors whose email already had an account here. */
  matched: number;
  /** Authors who had none: a placeholder account was made for each. */
  created: number;
  /** Accounts (matched or created) that became members of the project. */
  joined: number;
}

const RANK = { REVIEWER: 0, EDITOR: 1 } as const;

/**
 * People a file may name by email: a newsroom's desk is far fewer, and each one unknown here becomes an account, which
 * a file must not make by the thousand.
 */
export const MAX_FILE_AUTHORS = 1_000;

/**
 * The accounts of the file's authors by email (lower-cased, as accounts store
 * them), inside the import's transaction. An author without an account here
 * gets a placeholder account: their name and email, no password, no sign-in
 * until an invitation to that email lets its owner claim it (lib/users.ts).
 * Authors who are not members of the project join it with the role their
 * records need (REVIEWER, EDITOR for who made review decisions): agreement
 * and adjudication measure members, and a placeholder member cannot sign in.
 * Members keep the role they have.
 */
export async function accountsForAuthors(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  needs: AuthorNeed[],
): Promise<{ idByEmail: Map<string, string>; report: AuthorsReport }> {
  const wanted = new Map<string, { name: string; role: AuthorNeed["role"] }>();
  for (const { author, role } of needs) {
    if (!author.email) continue;
    const seen = wanted.get(author.email);
    if (!seen) wanted.set(author.email, { name: author.name, role });
    else if (RANK[role] > RANK[seen.role]) seen.role = role;
  }
  const emails = [...wanted.keys()];
  if (emails.length > MAX_FILE_AUTHORS)
    throw unprocessable(
      `The file names ${emails.length} authors by email; an import takes at most ${MAX_FILE_AUTHORS}.`,
      { limit: "authors per file", maxAuthors: MAX_FILE_AUTHORS },
    );
  const report: AuthorsReport = { matched: 0, created: 0, joined: 0 };
  if (emails.length === 0) return { idByEmail: new Map(), report };

  const findAccounts = () =>
    tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, name: true } });
  const existing = await findAccounts();
  report.matched = existing.length;
  const missing = emails.filter((email) => !existing.some((user) => user.email === email));
  if (missing.length > 0) {
    await tx.user.createMany({
      data: missing.map((email) => ({ email, name: wanted.get(email)!.name, passwordHash: null, placeholder: true })),
      skipDuplicates: true,
    });
  }
  const accounts = missing.length > 0 ? await findAccounts() : existing;
  const created = accounts.filter((user) => missing.includes(user.email));
  report.created = created.length;

  const members = await tx.membership.findMany({
    where: { projectId, userId: { in: accounts.map((user) => user.id) } },
    select: { userId: true },
  });
  const joining = accounts.filter((user) => !members.some((member) => member.userId === user.id));
  await tx.membership.createMany({
    data: joining.map((user) => ({ projectId, userId: user.id, role: wanted.get(user.email)!.role })),
    skipDuplicates: true,
  });
  report.joined = joining.length;

  await recordAudits(tx, actor, [
    ...created.map((user) => ({
      projectId,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, placeholder: true },
    })),
    ...joining.map((user) => ({
      projectId,
      action: "member.add",
      entityType: "Membership",
      entityId: user.id,
      after: { email: user.email, role: wanted.get(user.email)!.role, byImport: true },
    })),
  ]);
  return { idByEmail: new Map(accounts.map((user) => [user.email, user.id])), report };
}

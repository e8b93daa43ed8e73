import "server-only";
import type { Actor } from "@/lib/actor";
import type { DbClient } from "@/lib/db";

export interface AuditRecord {
  projectId: string | null;
  /** `<entity>.<verb>`, e.g. `article.update`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records who changed what. Call it with the transaction client of the write
 * itself, so that the change and its record commit or fail together.
 */
export async function recordAudit(tx: DbClient, actor: Actor | null, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      projectId: record.projectId,
      actorId: actor?.userId ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      ...(record.before === undefined ? {} : { before: toJson(record.before) }),
      ...(record.after === undefined ? {} : { after: toJson(record.after) }),
    },
  });
}

/** Dates become ISO strings, undefined fields disappear: what JSON can hold. */
function toJson(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

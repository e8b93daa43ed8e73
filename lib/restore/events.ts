import "server-only";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { type EventView, editorEventSelect, toEventView } from "@/lib/events";
import { assertNameFree, guardName } from "@/lib/names";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Brings a deleted event back with its links, which stayed in the database
 * (editors). Its title must still be free among the live events (409 naming
 * the event that has it now). An event merged into another is not deleted
 * in this sense: its links went to the other one (409).
 */
export async function restoreEvent(actor: Actor, eventId: string): Promise<EventView> {
  if (!isUuid(eventId)) throw notFound("Event");
  const found = await db().event.findFirst({
    where: { id: eventId },
    select: { projectId: true, title: true, deletedAt: true },
  });
  if (!found) throw notFound("Event");
  const { projectId } = await requireProjectPermission(actor, found.projectId, "event.manage");
  if (found.deletedAt === null) throw conflict("This event is not deleted.");
  const last = await db().auditEntry.findFirst({
    where: { projectId, entityId: eventId },
    orderBy: { id: "desc" },
    select: { action: true },
  });
  if (last?.action === "event.merge")
    throw conflict("This event was merged into another one, which holds its links now; it cannot be restored.");
  return guardName("event", projectId, found.title, () =>
    db().$transaction(async (tx) => {
      await assertNameFree(tx, "event", projectId, found.title, eventId);
      const { count } = await tx.event.updateMany({
        where: { id: eventId, deletedAt: { not: null } },
        data: { deletedAt: null },
      });
      if (count === 0) throw conflict("This event is not deleted.");
      const view = toEventView(await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: editorEventSelect }));
      await recordAudit(tx, actor, {
        projectId,
        action: "event.restore",
        entityType: "Event",
        entityId: eventId,
        after: view,
      });
      return view;
    }),
  );
}

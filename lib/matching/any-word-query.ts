import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A statement's words as a PostgreSQL query that any of them satisfies (English stems, as the search_stems columns
 * hold them): plainto_tsquery ANDs them, and a claim is rarely told in the same words everywhere.
 */
export function anyWordQuery(text: string): Prisma.Sql {
  return Prisma.sql`replace(plainto_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery`;
}

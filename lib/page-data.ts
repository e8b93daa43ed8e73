import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * For pages: a lib call whose "not found" (which is also what outsiders of a
 * project get) renders the 404 page and whose "forbidden" (a role too low)
 * renders the 403 page; other errors propagate.
 */
export async function forPage<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") forbidden();
    throw error;
  }
}

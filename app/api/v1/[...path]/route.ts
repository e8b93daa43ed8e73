import { errorResponse } from "@/lib/next/respond";
import { notFound } from "@/lib/errors";

// Any other /api/v1 path: a JSON 404, as scripts expect, instead of an HTML page.
const unknownRoute = async () => errorResponse(notFound("API route"));

export {
  unknownRoute as GET,
  unknownRoute as POST,
  unknownRoute as PUT,
  unknownRoute as PATCH,
  unknownRoute as DELETE,
};

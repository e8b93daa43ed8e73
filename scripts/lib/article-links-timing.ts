/**
 * Run as its own process by `npm run bench -- --scale` (one per database, as
 * lib keeps one database client per process): the server time of the reader's
 * links of one article (lib/events listArticleLinks, which no API route
 * serves alone), as the median of 9 runs after warm-ups, printed as JSON.
 * Arguments: the article's id, then the reading user's id (DATABASE_URL names the database).
 */
import { medianOf } from "./bench-stats.ts";

const [articleId, userId] = process.argv.slice(2);
const WARM_UPS = 5;
const { actorFor } = await import("../../lib/actor.ts");
const { db } = await import("../../lib/db.ts");
const { listArticleLinks } = await import("../../lib/events.ts");
const user = await db().user.findUniqueOrThrow({
  where: { id: userId! },
  select: { id: true, email: true, name: true, siteRole: true },
});
const actor = actorFor(user, "token");
let links = 0;
const list = async () => (links = (await listArticleLinks(actor, articleId!)).length);
// A process of its own starts cold (its code not compiled, its database connection new): a few calls first, as a
// running server has made them.
for (let warmUp = 0; warmUp < WARM_UPS; warmUp++) await list();
const ms = await medianOf(9, list);
await db().$disconnect();
console.log(JSON.stringify({ ms, links }));

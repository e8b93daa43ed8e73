import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Next.js's Link without prefetching by default. Every page of Parallax is
 * rendered per request and has no loading boundary, so a prefetch brings
 * back nothing the click would not (the route's layout, already shown), yet
 * each link in view costs a server render while the page that shows it is
 * still painting: the header alone made three on every page.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}

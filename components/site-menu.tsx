"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { signOutAction } from "@/app/signin/actions";
import { useDismiss } from "@/components/ui/use-dismiss";

const MENU_ID = "site-menu";

/**
 * The signed-in user's links: in the header's row from the `sm` breakpoint
 * on; below it, behind a Menu button (a disclosure) that opens them under the
 * header, so the account stays reachable on a phone. Escape closes the menu
 * and gives focus back to the button; following a link or a click elsewhere
 * closes it too.
 */
export function SiteMenu({ name, email }: { name: string; email: string }) {
  const pathname = usePathname();
  // The page the menu was opened on: it is open only there, so going to another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (isOpen: boolean) => setOpenOn(isOpen ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpenOn(null), []);
  useDismiss(open, close, button, panel);

  const link = "rounded-md px-2 py-2 text-stone-600 hover:bg-stone-100 hover:text-stone-900 sm:py-1";
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpen(!open)}
        className={`flex items-center gap-2 rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium
          text-stone-700 hover:bg-stone-100 sm:hidden`}
      >
        <svg
          aria-hidden
          viewBox="0 0 16 16"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
        >
          {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
        </svg>
        Menu
      </button>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the click only closes the menu after its links' own. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the links it closes on take their keys themselves. */}
      <div
        ref={panel}
        id={MENU_ID}
        // Following a link to the page already shown changes no path: close here too.
        onClick={(event) => (event.target as Element).closest("a") && setOpen(false)}
        className={`${
          open
            ? `absolute inset-x-0 top-full z-40 flex flex-col gap-1 border-b border-stone-200 bg-white px-4 py-3
              shadow-md`
            : "hidden"
        } text-sm sm:static sm:z-auto sm:flex sm:flex-1 sm:flex-row sm:items-center sm:justify-between sm:gap-3
          sm:border-0 sm:p-0 sm:shadow-none`}
      >
        <nav aria-label="Main" className="flex flex-col sm:flex-row">
          <Link href="/projects" className={link}>
            Projects
          </Link>
          <Link href="/work" className={link}>
            My work
          </Link>
        </nav>
        <div
          className={`flex flex-col gap-1 border-t border-stone-100 pt-2 sm:flex-row sm:items-center sm:gap-3
            sm:border-0 sm:pt-0`}
        >
          <Link href="/account" className={link} title={`${email}: account, tokens, password`}>
            <span className="sm:hidden">Account: </span>
            {name}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className={`${link} w-full text-left`}>
              Sign out
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

import Link from "next/link";
import { signOutAction } from "@/app/signin/actions";
import { getActor } from "@/lib/auth/session";
import { Logo } from "@/components/ui/logo";

export async function SiteHeader() {
  const actor = await getActor().catch(() => null);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-6">
          <Link href={actor ? "/projects" : "/signin"} className="flex items-center gap-2 font-semibold tracking-tight">
            <Logo />
            Parallax
          </Link>
          {actor && (
            <nav aria-label="Main">
              <Link href="/projects" className="text-sm text-stone-600 hover:text-stone-900">
                Projects
              </Link>
            </nav>
          )}
        </div>
        {actor ? (
          <div className="flex items-center gap-3 text-sm">
            <Link
              href="/account"
              className="hidden text-stone-600 hover:text-stone-900 sm:inline"
              title={`${actor.email}: account, tokens, password`}
            >
              {actor.name}
            </Link>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2 py-1 text-stone-600 hover:bg-stone-100 hover:text-stone-900"
              >
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}

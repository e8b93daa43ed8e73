import Link from "@/components/ui/link";
import { getActor } from "@/lib/auth/session";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { Logo } from "@/components/ui/logo";
import { SiteMenu } from "./site-menu";

export async function SiteHeader() {
  const actor = await getActor().catch(() => null);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div
        className={`relative mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:gap-6
          sm:px-6`}
      >
        <Link href={actor ? "/projects" : "/signin"} className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo />
          Parallax
        </Link>
        {actor && (
          <div className="flex items-center gap-2 sm:flex-1 sm:flex-row-reverse sm:gap-3">
            <NotificationBell />
            <SiteMenu name={actor.name} email={actor.email} />
          </div>
        )}
      </div>
    </header>
  );
}

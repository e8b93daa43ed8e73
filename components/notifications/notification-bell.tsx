"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { useSharedEventStream } from "@/components/client/use-event-stream";
import { usePageSettled } from "@/components/client/use-page-settled";
import { formatMoment } from "@/components/ui/format";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { NotificationPage, NotificationView } from "@/lib/notifications/inbox";

const PANEL_ID = "notifications-panel";
/** The newest this many are listed; the API pages through the rest. */
const LISTED = 30;

/**
 * The bell in the header: the count of unread notifications, and a panel that
 * lists the newest with a link to what each is about and "Mark all read". It
 * follows the user's own live stream, so the count changes without a reload.
 * Escape or a click elsewhere closes the panel.
 */
export function NotificationBell() {
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    try {
      setPage(await callApi<NotificationPage>("GET", `/api/v1/notifications?limit=${LISTED}`));
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);
  // The count comes once the page has settled: the page's own requests go first.
  const settled = usePageSettled();
  useEffect(() => {
    if (settled) void load();
  }, [settled, load]);
  useSharedEventStream(settled ? "/api/v1/notifications/live" : null, () => void load());

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, button, panel);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      const { unreadCount } = await callApi<{ unreadCount: number }>("POST", "/api/v1/notifications/read", { body });
      const now = new Date().toISOString();
      setPage(
        (current) =>
          current && {
            ...current,
            unreadCount,
            items: current.items.map((item) =>
              "all" in body || body.ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item,
            ),
          },
      );
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const unread = page?.unreadCount ?? 0;
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => {
          setOpen(!open);
          if (!open) void load();
        }}
        className="relative flex size-9 items-center justify-center rounded-md text-stone-600 hover:bg-stone-100
          hover:text-stone-900"
        data-testid="notification-bell"
      >
        <svg
          aria-hidden
          viewBox="0 0 20 20"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        >
          <path d="M5 8a5 5 0 0 1 10 0c0 4 1.5 5.5 2 6H3c.5-.5 2-2 2-6Z" />
          <path d="M8 16.5a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden
            className="absolute -right-0.5 -top-0.5 min-w-4.5 rounded-full bg-red-700 px-1 text-center text-[0.6875rem]
              font-semibold leading-4.5 text-white"
            data-testid="notification-count"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section
          ref={panel}
          id={PANEL_ID}
          aria-labelledby={`${PANEL_ID}-title`}
          // On a phone, the width of the window under the header; from `sm` on, under the bell.
          className="fixed inset-x-4 top-14 z-50 mt-1 rounded-lg border border-stone-200 bg-white shadow-xl
            sm:absolute sm:inset-x-auto sm:right-0 sm:top-full sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between gap-2 border-b border-stone-100 px-3 py-2">
            <h2 id={`${PANEL_ID}-title`} className="text-sm font-semibold text-stone-900">
              Notifications
            </h2>
            <button
              type="button"
              disabled={unread === 0}
              onClick={() => void markRead({ all: true })}
              className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50
                disabled:text-stone-500 disabled:hover:bg-transparent"
            >
              Mark all read
            </button>
          </div>
          {error && (
            <p role="alert" className="px-3 py-2 text-xs text-red-800">
              {error}
            </p>
          )}
          {page && page.items.length === 0 && <p className="px-3 py-4 text-sm text-stone-600">Nothing new.</p>}
          <ul className="max-h-[min(28rem,70vh)] overflow-y-auto" aria-label="Notifications">
            {page?.items.map((item) => (
              <NotificationItem
                key={item.id}
                item={item}
                onOpen={async () => {
                  setOpen(false);
                  if (!item.readAt) await markRead({ ids: [item.id] });
                  window.location.assign(item.target.url);
                }}
              />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** One notification: a link to what it is about; opened here, it is marked read first (a new tab leaves it unread). */
function NotificationItem({ item, onOpen }: { item: NotificationView; onOpen: () => Promise<void> }) {
  const isUnread = item.readAt === null;
  return (
    <li className="border-b border-stone-100 last:border-0">
      {/* A plain link: the reader shows the annotation named in the address's fragment, also on its own page. */}
      <a
        href={item.target.url}
        onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          void onOpen();
        }}
        className={`flex gap-2 px-3 py-2 text-sm hover:bg-stone-50 ${isUnread ? "bg-indigo-50/60" : ""}`}
        data-testid="notification"
      >
        <span
          aria-hidden
          className={`mt-1.5 size-2 shrink-0 rounded-full ${isUnread ? "bg-indigo-600" : "bg-transparent"}`}
        />
        <span className="min-w-0">
          <span
            dir="auto"
            className={`block break-words ${isUnread ? "font-medium text-stone-900" : "text-stone-700"}`}
          >
            {item.text}
          </span>
          <span className="block text-xs text-stone-600">
            {isUnread && <strong className="font-semibold text-indigo-800">New · </strong>}
            {item.project.name} · {formatMoment(item.createdAt)}
          </span>
        </span>
      </a>
    </li>
  );
}

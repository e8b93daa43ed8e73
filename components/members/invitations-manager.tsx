"use client";

import { type FormEvent, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { Section } from "@/components/ui/card";
import { formatMoment } from "@/components/ui/format";
import type { InvitationView } from "@/lib/invitations";
import { type Role, ROLE_HINT, ROLES } from "./roles";

/**
 * For editors: invite someone by email, and the invitations still waiting
 * for an answer, each of which can be revoked. Whether the address has an
 * account makes no difference: the person sees the invitation when they
 * sign in, or once they sign up.
 */
export function InvitationsManager({ projectId, invitations }: { projectId: string; invitations: InvitationView[] }) {
  const { message, run } = useRefreshingAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("REVIEWER");

  function invite(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const invited = await callApi<InvitationView>("POST", `/api/v1/projects/${projectId}/invitations`, {
        body: { email, role },
      });
      setEmail("");
      return (
        `Invited ${invited.email} as ${invited.role.toLowerCase()}. They see the invitation when they sign in, ` +
        `or once they sign up with that address.`
      );
    });
  }

  return (
    <Section id="invitations-heading" title="Invitations">
      <ActionMessage message={message} />
      {invitations.length > 0 && (
        <ul
          aria-label="Pending invitations"
          className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs"
        >
          {invitations.map((invitation) => (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3"
              data-testid="invitation-row"
            >
              <div className="min-w-0 flex-1">
                <p className="break-all font-medium">{invitation.email}</p>
                <p className="text-xs text-stone-500">
                  {invitation.role.toLowerCase()} · invited{" "}
                  {invitation.invitedBy ? `by ${invitation.invitedBy.name} ` : ""}
                  {formatMoment(invitation.createdAt)} · waiting for an answer
                </p>
              </div>
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    await callApi("DELETE", `/api/v1/invitations/${invitation.id}`);
                    return `Revoked the invitation of ${invitation.email}.`;
                  })
                }
                className="rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={invite}
        aria-label="Invite someone"
        className="flex flex-wrap items-end gap-2 rounded-lg border border-stone-200 bg-white p-3 shadow-xs"
      >
        <label className="min-w-0 flex-1 text-xs text-stone-600 sm:flex-none">
          Email
          <input
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className="block w-full rounded-md border border-stone-300 px-2 py-1 text-sm sm:w-72"
          />
        </label>
        <label className="min-w-0 max-w-full text-xs text-stone-600">
          Role
          <select
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            className="block w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {value.toLowerCase()} — {ROLE_HINT[value]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Send invitation
        </button>
      </form>
    </Section>
  );
}

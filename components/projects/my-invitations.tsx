"use client";

import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { Section } from "@/components/ui/card";
import type { MyInvitationView } from "@/lib/invitations";

/** Invitations waiting for the signed-in person: accept to join the project, or decline. */
export function MyInvitations({ invitations }: { invitations: MyInvitationView[] }) {
  const { message, run } = useRefreshingAction();
  if (invitations.length === 0 && !message) return null;
  /** Accepts or declines, then says what happened. */
  const answer = (invitationId: string, verb: "accept" | "decline", outcome: string) => () =>
    void run(async () => {
      await callApi("POST", `/api/v1/invitations/${invitationId}/${verb}`);
      return outcome;
    });
  return (
    <Section id="my-invitations-heading" title="Invitations" className="mb-8">
      <ActionMessage message={message} />
      <ul className="space-y-3">
        {invitations.map((invitation) => (
          <li
            key={invitation.id}
            className="flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-4"
            data-testid="my-invitation"
          >
            <p className="min-w-0 flex-1 text-sm text-stone-800">
              {invitation.invitedBy ? `${invitation.invitedBy.name} invites you` : "You are invited"} to{" "}
              <span className="font-medium">{invitation.project.name}</span> as {invitation.role.toLowerCase()}.
            </p>
            <button
              type="button"
              onClick={answer(invitation.id, "accept", `You joined ${invitation.project.name}.`)}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
            >
              Accept
            </button>
            <button
              type="button"
              onClick={answer(invitation.id, "decline", `You declined the invitation to ${invitation.project.name}.`)}
              className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
            >
              Decline
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

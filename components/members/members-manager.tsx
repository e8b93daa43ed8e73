"use client";

import { type FormEvent, useState } from "react";
import { callApi } from "@/components/reader/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { MemberView } from "@/lib/members";

const ROLES = ["EDITOR", "REVIEWER", "VIEWER"] as const;
const ROLE_HINT = { EDITOR: "edits the project, adjudicates, exports", REVIEWER: "annotates and links claims", VIEWER: "reads and exports" } as const;

/** The project's members: editors add by email, change roles and remove; others read the list. */
export function MembersManager({ projectId, members, canManage, viewerId }: { projectId: string; members: MemberView[]; canManage: boolean; viewerId: string }) {
  const { message, run } = useRefreshingAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<(typeof ROLES)[number]>("REVIEWER");

  function add(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const added = await callApi<MemberView>("POST", `/api/v1/projects/${projectId}/members`, { body: { email, role } });
      setEmail("");
      return `Added ${added.name} as ${added.role.toLowerCase()}.`;
    });
  }

  return (
    <div className="space-y-4">
      <ActionMessage message={message} />
      <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs">
        {members.map((member) => (
          <li key={`${member.userId}-${member.role}`} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="member-row">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {member.name}
                {member.userId === viewerId && <span className="text-stone-500"> (you)</span>}
              </p>
              <p className="text-xs text-stone-500">{member.email}</p>
            </div>
            {canManage ? (
              <>
                <select
                  aria-label={`Role of ${member.name}`}
                  defaultValue={member.role}
                  onChange={(event) => {
                    const select = event.target;
                    void run(async () => {
                      try {
                        const changed = await callApi<MemberView>("PATCH", `/api/v1/projects/${projectId}/members/${member.userId}`, { body: { role: select.value } });
                        return `${changed.name} is now ${changed.role.toLowerCase()}.`;
                      } catch (failure) {
                        select.value = member.role; // refused: show the role that holds
                        throw failure;
                      }
                    });
                  }}
                  className="rounded-md border border-stone-300 px-2 py-1 text-sm"
                >
                  {ROLES.map((value) => (
                    <option key={value} value={value}>
                      {value.toLowerCase()}
                    </option>
                  ))}
                </select>
                <ConfirmButton
                  label="Remove"
                  question={`Remove ${member.name} from the project?`}
                  confirmLabel="Yes, remove"
                  onConfirm={() =>
                    run(async () => {
                      await callApi("DELETE", `/api/v1/projects/${projectId}/members/${member.userId}`);
                      return `Removed ${member.name}; their annotations stay.`;
                    })
                  }
                  className="rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                />
              </>
            ) : (
              <span className="text-sm text-stone-700">{member.role.toLowerCase()}</span>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form onSubmit={add} aria-label="Add a member" className="flex flex-wrap items-end gap-2 rounded-lg border border-stone-200 bg-white p-3 shadow-xs">
          <label className="text-xs text-stone-600">
            Email of a registered user
            <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} className="block w-72 rounded-md border border-stone-300 px-2 py-1 text-sm" />
          </label>
          <label className="text-xs text-stone-600">
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as (typeof ROLES)[number])} className="block rounded-md border border-stone-300 px-2 py-1 text-sm">
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {value.toLowerCase()} — {ROLE_HINT[value]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Add member
          </button>
        </form>
      )}
    </div>
  );
}

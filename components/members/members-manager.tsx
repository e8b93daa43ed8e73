"use client";

import { useRouter } from "next/navigation";
import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { MemberView } from "@/lib/members";
import { ROLES } from "./roles";

const SMALL_BUTTON = "rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50";

/** The project's members: editors change roles and remove; everyone reads the list and may leave. */
export function MembersManager({
  projectId,
  members,
  canManage,
  viewerId,
}: {
  projectId: string;
  members: MemberView[];
  canManage: boolean;
  viewerId: string;
}) {
  const { message, run } = useRefreshingAction();
  const router = useRouter();

  const leave = () =>
    run(async () => {
      await callApi("DELETE", `/api/v1/projects/${projectId}/members/me`);
      router.replace("/projects");
      return "You left the project.";
    });

  return (
    <div className="space-y-4">
      <ActionMessage message={message} />
      <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs">
        {members.map((member) => (
          <li
            key={`${member.userId}-${member.role}`}
            className="flex flex-wrap items-center gap-3 px-4 py-3"
            data-testid="member-row"
          >
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {member.name}
                {member.userId === viewerId && <span className="text-stone-500"> (you)</span>}
              </p>
              <p className="text-xs text-stone-500">
                {member.email}
                {member.inactive && " · inactive: brought in by an import, signs in once invited"}
              </p>
            </div>
            {canManage && (
              <select
                aria-label={`Role of ${member.name}`}
                defaultValue={member.role}
                onChange={(event) => {
                  const select = event.target;
                  void run(async () => {
                    try {
                      const changed = await callApi<MemberView>(
                        "PATCH",
                        `/api/v1/projects/${projectId}/members/${member.userId}`,
                        { body: { role: select.value } },
                      );
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
            )}
            {!canManage && <span className="text-sm text-stone-700">{member.role.toLowerCase()}</span>}
            {member.userId === viewerId ? (
              <ConfirmButton
                label="Leave project"
                question="Leave this project? An editor must invite you to come back."
                confirmLabel="Yes, leave"
                onConfirm={leave}
                className={SMALL_BUTTON}
              />
            ) : (
              canManage && (
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
                  className={SMALL_BUTTON}
                />
              )
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

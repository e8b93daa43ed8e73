/** A project's roles, most rights first, with what each may do (the pages' wording of lib/permissions.ts). */
export const ROLES = ["EDITOR", "REVIEWER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_HINT: Record<Role, string> = {
  EDITOR: "edits the project, adjudicates, exports",
  REVIEWER: "annotates and links claims",
  VIEWER: "reads and exports",
};

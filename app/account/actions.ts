"use server";

import { headers } from "next/headers";
import { signOut } from "@/lib/auth/next-auth";
import { requireActor } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/client-address";
import { formAction, formFields, type FormState } from "@/lib/next/forms";
import { changePassword } from "@/lib/users";

/** Changes the password; every session ends with it, so the browser signs in again with the new one. */
export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const address = clientAddress(await headers());
  const state = await formAction(() =>
    changePassword(actor, formFields(formData, ["currentPassword", "newPassword"]), address),
  );
  if (state.error) return state;
  await signOut({ redirectTo: "/signin" });
  return state;
}

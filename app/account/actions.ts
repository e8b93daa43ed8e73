"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth/next-auth";
import { requireActor } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/client-address";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { formAction, formFields, type FormState } from "@/lib/next/forms";
import { changePassword } from "@/lib/users";

export interface TokenFormState extends FormState {
  /** The new token, shown this once. */
  token?: string;
}

export async function createTokenAction(_previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const actor = await requireActor();
  const { name, expiresInDays, password } = formFields(formData, ["name", "expiresInDays", "password"]);
  let token: string | undefined;
  const state = await formAction(async () => {
    const created = await createApiToken(
      { email: actor.email, password, name: name || undefined, expiresInDays: Number(expiresInDays) },
      clientAddress(await headers()),
    );
    token = created.token;
  });
  revalidatePath("/account");
  return { ...state, token };
}

export async function revokeTokenAction(tokenId: string): Promise<void> {
  await revokeApiToken(await requireActor(), tokenId);
  revalidatePath("/account");
}

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

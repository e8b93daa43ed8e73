"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { rateLimitOfSignIn, SINGLE_SIGN_ON, signIn, signOut } from "@/lib/auth/next-auth";
import { formAction, type FormState } from "@/lib/next/forms";
import { getActor } from "@/lib/auth/session";
import { endSessions, signUp } from "@/lib/users";
import { safeReturnPath } from "@/lib/urls";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: safeReturnPath(formData.get("callbackUrl")),
    });
  } catch (error) {
    // signIn redirects by throwing on success; only its own errors are failures.
    if (error instanceof AuthError) {
      const limited = error instanceof CredentialsSignin ? rateLimitOfSignIn(error.code) : null;
      return { error: limited?.message ?? "Wrong email or password." };
    }
    throw error;
  }
  return {};
}

/** Off to the newsroom's identity provider, and back to `callbackUrl` once signed in. */
export async function singleSignOnAction(formData: FormData): Promise<void> {
  await signIn(SINGLE_SIGN_ON, { redirectTo: safeReturnPath(formData.get("callbackUrl")) });
}

/**
 * Creates the account and signs it in. If the sign-in is refused (the rate
 * limit counts attempts on an email before it has an account), the account
 * stays and the sign-in page says so.
 */
export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = { email: formData.get("email"), name: formData.get("name"), password: formData.get("password") };
  const state = await formAction(async () => {
    await signUp(fields);
  });
  if (state.error) return state;
  try {
    await signIn("credentials", { email: fields.email, password: fields.password, redirectTo: "/projects" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/signin?created=1");
    throw error;
  }
  return state;
}

/** Signs out, ending the user's sessions everywhere (a copied session cookie stops working too). */
export async function signOutAction(): Promise<void> {
  const actor = await getActor().catch(() => null);
  if (actor?.via === "session") await endSessions(actor.userId);
  await signOut({ redirectTo: "/signin" });
}

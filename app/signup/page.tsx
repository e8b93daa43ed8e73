import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, PageTitle } from "@/components/ui/card";
import { env } from "@/lib/env";
import { MIN_PASSWORD_LENGTH } from "@/lib/users";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-sm">
      <PageTitle>Create an account</PageTitle>
      <Card>
        {env().PARALLAX_ALLOW_SIGNUP ? (
          <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} />
        ) : (
          <p className="text-sm text-stone-700">
            Sign-up is switched off on this server. Ask an administrator for an account, then{" "}
            <Link href="/signin" className="text-indigo-700 hover:underline">
              sign in
            </Link>
            .
          </p>
        )}
      </Card>
    </div>
  );
}

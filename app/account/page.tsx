import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { MessageForm } from "@/components/message-form";
import { PasswordField } from "@/components/password-field";
import { PostalAddress } from "@/components/postal-address";
import { TextField } from "@/components/text-field";
import { listAddresses } from "@/lib/addresses";
import { emailConfirmedAt } from "@/lib/auth/confirm";
import { describeDevice } from "@/lib/device";
import { newFormToken } from "@/lib/form-token";
import { listMySessions, requireUser } from "@/lib/session";
import { LogoutButton } from "../_components/logout-button";
import { AddressForm } from "./_components/address-form";
import {
  changeEmailAction,
  changePasswordAction,
  deleteAddressAction,
  resendConfirmationAction,
  setDefaultAddressAction,
  signOutOthersAction,
} from "./actions";

export const metadata: Metadata = { title: "Your account" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const user = await requireUser({ redirectTo: "/account" });
  const justReset = (await searchParams).password === "reset";
  const [addresses, sessions, confirmedAt] = await Promise.all([
    listAddresses(user.userId),
    listMySessions(),
    emailConfirmedAt(user.userId),
  ]);
  return (
    <div className="stack account">
      <div className="account-head">
        <div>
          <h1>Your account</h1>
          <p className="muted account-email">
            Signed in as <strong>{user.email}</strong>
          </p>
        </div>
        <LogoutButton className="button button-secondary" />
      </div>
      {!confirmedAt && (
        <section className="notice notice-warn confirm-notice" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Please confirm your email address</h2>
          <p>
            We sent a link to <strong>{user.email}</strong>. Following it confirms the address, and any order
            you placed as a guest with it then appears under your orders.
          </p>
          <ActionButton
            action={resendConfirmationAction}
            label="Send the link again"
            pendingLabel="Sending…"
          />
        </section>
      )}
      {justReset && (
        <p role="status" className="notice notice-ok">
          Your new password is set. Every other session was signed out.
        </p>
      )}

      <section className="panel" aria-labelledby="addresses-heading">
        <h2 id="addresses-heading">Saved addresses</h2>
        {addresses.length === 0 && <p className="muted">No saved addresses yet.</p>}
        <ul className="address-list">
          {addresses.map((a) => {
            const summary = [a.fullName, a.line1, a.city].join(", ");
            return (
              <li key={a.id} className="address-item">
                <div className="address-item-head">
                  <PostalAddress address={a} />
                  {a.isDefault && <span className="status-badge">Default</span>}
                </div>
                <div className="button-row">
                  {!a.isDefault && (
                    <ActionButton
                      action={setDefaultAddressAction}
                      fields={{ id: a.id }}
                      label="Make default"
                      pendingLabel="Saving…"
                      accessibleName={`Make default: ${summary}`}
                    />
                  )}
                  <ActionButton
                    action={deleteAddressAction}
                    fields={{ id: a.id }}
                    label="Delete"
                    pendingLabel="Deleting…"
                    accessibleName={`Delete address: ${summary}`}
                    className="button button-link button-danger"
                  />
                </div>
                <AddressForm
                  address={a}
                  summary={
                    <>
                      Edit<span className="visually-hidden"> address: {summary}</span>
                    </>
                  }
                />
              </li>
            );
          })}
        </ul>
        <AddressForm summary="Add an address" open={addresses.length === 0} formToken={newFormToken()} />
      </section>

      <section className="panel" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Password and email</h2>
        <details className="address-edit">
          <summary>Change your password</summary>
          <MessageForm action={changePasswordAction} submitLabel="Change password" pendingLabel="Changing…">
            <PasswordField kind="current" id="cp-current" name="currentPassword" label="Current password" />
            <PasswordField
              kind="new"
              id="cp-new"
              name="password"
              label="New password"
              hint="Every other device is signed out."
            />
          </MessageForm>
        </details>
        <details className="address-edit">
          <summary>Change your email address</summary>
          <MessageForm
            action={changeEmailAction}
            submitLabel="Send a confirmation link"
            pendingLabel="Sending…"
          >
            <TextField
              id="ce-new"
              name="newEmail"
              label="New email address"
              type="email"
              autoComplete="email"
              required
              hint={`We mail a link to the new address; ${user.email} is told too.`}
            />
            <PasswordField kind="current" id="ce-current" name="currentPassword" label="Current password" />
          </MessageForm>
        </details>
      </section>

      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you're signed in</h2>
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="session-item">
              <span>
                <strong>{describeDevice(s.userAgent)}</strong>
                {s.current && <span className="status-badge">This device</span>}
              </span>
              <span className="muted small">Last seen {when.format(s.lastSeenAt)}</span>
            </li>
          ))}
        </ul>
        {/* Always rendered: its result must stay on screen after the list shrinks to this session. */}
        <ActionButton
          action={signOutOthersAction}
          label="Sign out other sessions"
          pendingLabel="Signing out…"
        />
      </section>
    </div>
  );
}

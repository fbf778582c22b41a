import { renderMail, SHOP_NAME, shopUrl } from "../mail/template";
import { CONFIRM_TOKEN_LIFETIME_MS, TOKEN_LIFETIME_MS } from "./tokens";

/** The account mails: each returns what enqueueMail takes, less the address. */
const minutes = TOKEN_LIFETIME_MS / 60_000;

export function passwordResetMail(token: string) {
  const url = shopUrl(`/reset-password?token=${token}`);
  return {
    kind: "password-reset",
    subject: `Reset your ${SHOP_NAME} password`,
    sensitive: true,
    ...renderMail({
      heading: "Reset your password",
      paragraphs: [
        `Someone (we hope you) asked to reset the password of your ${SHOP_NAME} account.`,
        `The link works once, for ${minutes} minutes. Setting a new password signs out every device signed in to your account.`,
      ],
      action: { label: "Choose a new password", url },
      footnote: "If you did not ask for this, ignore this mail: your password stays as it is.",
    }),
  };
}

export function passwordChangedMail() {
  return {
    kind: "password-changed",
    subject: `Your ${SHOP_NAME} password was changed`,
    ...renderMail({
      heading: "Your password was changed",
      paragraphs: [
        "The password of your account was just changed, and every other device was signed out.",
        "If this was not you, reset your password now with the link below and check your account.",
      ],
      action: { label: "Reset my password", url: shopUrl("/forgot-password") },
    }),
  };
}

export function confirmEmailMail(token: string) {
  const url = shopUrl(`/confirm-email?token=${token}`);
  return {
    kind: "email-change-confirm",
    subject: `Confirm your new ${SHOP_NAME} email address`,
    sensitive: true,
    ...renderMail({
      heading: "Confirm your new email address",
      paragraphs: [
        `Someone (we hope you) asked to use this address for a ${SHOP_NAME} account.`,
        `Confirm it within ${minutes} minutes; until then the account keeps its old address.`,
      ],
      action: { label: "Confirm this address", url },
      footnote: "If you did not ask for this, ignore this mail: nothing changes.",
    }),
  };
}

export function emailChangeRequestedMail(newEmail: string) {
  return {
    kind: "email-change-notice",
    subject: `A change of your ${SHOP_NAME} email address was asked for`,
    ...renderMail({
      heading: "Your email address may change",
      paragraphs: [
        `Someone signed in to your account asked to change its email address to ${newEmail}. It changes once that address confirms.`,
        "If this was not you, change your password now: that also cancels the change.",
      ],
      action: { label: "Open your account", url: shopUrl("/account") },
    }),
  };
}

export function accountConfirmMail(token: string) {
  const url = shopUrl(`/confirm-account?token=${token}`);
  const days = CONFIRM_TOKEN_LIFETIME_MS / (24 * 60 * 60_000);
  return {
    kind: "account-confirm",
    subject: `Confirm your email address for ${SHOP_NAME}`,
    sensitive: true,
    ...renderMail({
      heading: "Confirm your email address",
      paragraphs: [
        `Welcome to ${SHOP_NAME}. Please confirm that this address is yours: it is where we send your receipts and password resets.`,
        `Once it is confirmed, any order you placed as a guest with this address appears in your account. The link works once, for ${days} days.`,
      ],
      action: { label: "Confirm my address", url },
      footnote: "If you did not create an account, ignore this mail: nothing is shared with anyone.",
    }),
  };
}

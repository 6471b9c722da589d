/**
 * The rules of a third-party device's SIP password (updateThirdPartyDevice). The spec states none (SILENT); these
 * are Control Hub's usual SIP password rules: 8 to 64 printable ASCII characters without spaces, with a lower-case
 * and an upper-case letter, a digit and a special character, and not containing the device's SIP user name or MAC.
 */
export const SIP_PASSWORD_MIN_LENGTH = 8;
export const SIP_PASSWORD_MAX_LENGTH = 64;

export interface SipPasswordProblem {
  readonly rule: string;
  readonly message: string;
}

export function checkSipPassword(
  password: string,
  forbidden: readonly (string | null)[],
): SipPasswordProblem | undefined {
  if (password.length < SIP_PASSWORD_MIN_LENGTH || password.length > SIP_PASSWORD_MAX_LENGTH) {
    return {
      rule: 'length',
      message: `A SIP password has ${SIP_PASSWORD_MIN_LENGTH} to ${SIP_PASSWORD_MAX_LENGTH} characters.`,
    };
  }
  if (!/^[\x21-\x7e]+$/.test(password)) {
    return { rule: 'characters', message: 'A SIP password is printable ASCII without spaces.' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];
  if (!classes.every((c) => c.test(password))) {
    return {
      rule: 'complexity',
      message: 'A SIP password has a lower-case and an upper-case letter, a digit and a special character.',
    };
  }
  const lower = password.toLowerCase();
  for (const value of forbidden) {
    if (value !== null && value.length >= 3 && lower.includes(value.toLowerCase())) {
      return { rule: 'not_identity', message: "A SIP password must not contain the device's SIP user name or MAC." };
    }
  }
  return undefined;
}

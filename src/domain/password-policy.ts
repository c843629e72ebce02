/**
 * Minimum password rules for staff accounts (NIST SP 800-63B style: length over composition).
 * Returns the issue codes; an empty list means acceptable.
 */
export function checkPassword(password: string, username: string): string[] {
  const issues: string[] = [];
  if ([...password].length < 10) issues.push('too_short');
  if ([...password].length > 256) issues.push('too_long');
  if (username && password.toLowerCase().includes(username.toLowerCase())) issues.push('contains_username');
  if (/^(.)\1+$/.test(password)) issues.push('repetitive');
  return issues;
}

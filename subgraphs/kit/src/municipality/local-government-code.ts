/**
 * Japan's local government code (全国地方公共団体コード): five digits and a check digit.
 * The check digit is 11 minus the weighted sum (weights 6,5,4,3,2) modulo 11, taken modulo 10.
 */
const WEIGHTS = [6, 5, 4, 3, 2];

export type CodeProblem = 'format' | 'check-digit';

export function checkDigitOf(firstFive: string): number {
  const sum = [...firstFive].reduce((acc, digit, index) => acc + Number(digit) * WEIGHTS[index]!, 0);
  return (11 - (sum % 11)) % 10;
}

/** Returns why `code` is not a valid local government code, or null when it is valid. */
export function localGovernmentCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) {
    return `"${code}" is not a local government code: expected six digits (five digits and a check digit)`;
  }
  const expected = checkDigitOf(code.slice(0, 5));
  if (Number(code[5]) !== expected) {
    return `"${code}" has a wrong check digit: expected ${code.slice(0, 5)}${expected}`;
  }
  return null;
}

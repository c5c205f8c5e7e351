import { checkDigitOf, localGovernmentCodeProblem } from '@kyodo/kit';

describe('local government codes', () => {
  it.each([
    ['202207', 'Azumino'],
    ['202037', 'Ueda'],
    ['202100', 'Komagane'],
    ['192082', 'Minami-Alps'],
    ['131016', 'Chiyoda'],
  ])('accepts %s (%s)', (code) => {
    expect(localGovernmentCodeProblem(code)).toBeNull();
  });

  it('computes the check digit from the weighted sum of the first five digits', () => {
    expect(checkDigitOf('20220')).toBe(7);
    expect(checkDigitOf('20210')).toBe(0);
  });

  it('rejects a wrong check digit and names the right one', () => {
    expect(localGovernmentCodeProblem('202208')).toMatch(/wrong check digit: expected 202207/);
  });

  it.each(['20220', '2022077', 'abcdef', '20220７', ''])('rejects the malformed code "%s"', (code) => {
    expect(localGovernmentCodeProblem(code)).toMatch(/expected six digits/);
  });
});

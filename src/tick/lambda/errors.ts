// The one error type of lambda compilation and evaluation. Messages use Kapacitor's wording
// (users and the conformance suite match on them); callers add their own context prefix.

export class LambdaError extends Error {
  override readonly name = 'LambdaError';
}

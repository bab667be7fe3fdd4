/**
 * Text that must never be shown, carried through the plan: the cluster's kubeconfig. The components
 * need it (the Kubernetes provider), the reports must not print it: JSON, string conversion and
 * console inspection give a placeholder, and only `reveal()` gives the text. Plain data otherwise, so the
 * pure core stays free of Pulumi; the component turns it into a Pulumi secret (pulumi.secret).
 */

/** What a secret reads as anywhere but `reveal()`. */
export const REDACTED = "[secret]";

/**
 * Text that is never shown, carried through the plan (the kubeconfig): JSON, string conversion and console
 * inspection give `[secret]`; only reveal() gives the text.
 */
export class SecretText {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** The text itself, for the one place that needs it (the Kubernetes provider, as a Pulumi secret). */
  reveal(): string {
    return this.#text;
  }

  /** `[secret]`: JSON never carries the text. */
  toJSON(): string {
    return REDACTED;
  }

  /** `[secret]`: string conversion never gives the text. */
  toString(): string {
    return REDACTED;
  }

  /** What console.log and util.inspect show (Node's documented symbol, without importing node:util). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}

// Errors the user can act on (no CUDA, bad input shapes): printed as a message, never as a stack trace.
export class RuntimeUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuntimeUserError";
  }
}

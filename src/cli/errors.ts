// Errors meant for the person at the terminal: printed as their message alone, never with a stack.
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

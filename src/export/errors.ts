// A problem with what was asked to be exported (a missing weight, a graph that is not a tower): the message
// names the tensor or field; print it, no stack trace.
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

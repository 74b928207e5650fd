// The error a template raises, worded as Go's text/template words it
// ("template: id:1: function \"foo\" not defined").

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

// The one error type of the configuration layer: a bad file, a bad value or a bad KAPACITOR_*
// variable. Messages start with "config:" and name the key (and line, when known).

export class ConfigError extends Error {
  constructor(message: string) {
    super(`config: ${message}`);
    this.name = 'ConfigError';
  }
}

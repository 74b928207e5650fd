// The Kapacitor version this server and client speak (reported by /ping, /debug/vars and
// `version`). A constant only: this module must never import anything.

export const KAPACITOR_VERSION = '1.5.7';

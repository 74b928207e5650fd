// The part of the untyped `net-snmp` package the snmptrap handler uses.
declare module 'net-snmp' {
  export const Version1: number;
  export const Version2c: number;
  export const ObjectType: Record<string, number>;
  export const TrapType: Record<string, number>;
  export interface Varbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export interface Session {
    trap(typeOrOid: string | number, varbinds: Varbind[], callback: (error: Error | null) => void): void;
    close(): void;
    on(event: 'error', listener: (error: Error) => void): void;
  }
  export function createSession(target: string, community: string, options?: Record<string, unknown>): Session;
}

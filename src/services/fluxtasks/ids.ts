// Task and run ids: 16 lower-case hex digits, never zero, increasing in creation order (so
// the store's key order is creation order), unique within the process.

let last = 0n;

export function newId(): string {
  let id = BigInt(Date.now()) << 12n;
  if (id <= last) id = last + 1n;
  last = id;
  return id.toString(16).padStart(16, '0');
}

export function isValidId(id: string): boolean {
  return /^[0-9a-f]{16}$/.test(id) && !/^0{16}$/.test(id);
}

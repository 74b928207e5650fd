// Binding a UDP socket for an input listener ([[udp]], [[graphite]] over UDP, [collectd]):
// the family from the host, the bind awaited, a bind error rejected. Opens the socket only;
// reading, error counting and closing stay with the listener.

import { createSocket, type Socket } from 'node:dgram';
import { udpFamily } from './listener.js';

export async function bindUdpSocket(host: string | undefined, port: number): Promise<Socket> {
  const socket = createSocket(udpFamily(host));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port, address: host }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return socket;
}
